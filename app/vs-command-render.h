/* SPDX-License-Identifier: MIT */
#pragma once

int vs_command_render_run (int argc, char **argv);
