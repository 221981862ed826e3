/* SPDX-License-Identifier: MIT */
#pragma once

int vs_command_render_attention_run (int argc, char **argv);
