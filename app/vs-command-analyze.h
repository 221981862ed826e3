/* SPDX-License-Identifier: MIT */
#pragma once

int vs_command_analyze_run (int argc, char **argv);
