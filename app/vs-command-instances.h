/* SPDX-License-Identifier: MIT */
#pragma once

int vs_command_instances_run (int argc, char **argv);
int vs_command_evaluate_run  (int argc, char **argv);
