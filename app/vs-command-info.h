/* SPDX-License-Identifier: MIT */
#pragma once

int vs_command_info_run (int argc, char **argv);
