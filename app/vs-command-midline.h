/* SPDX-License-Identifier: MIT */
#pragma once

int vs_command_midline_run (int argc, char **argv);
