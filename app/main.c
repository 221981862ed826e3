/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "voxelscope"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vs-application.h"
#include "vs-command-analyze.h"
#include "vs-command-info.h"
#include "vs-command-render.h"
#include "vs-i18n.h"
#include "vs-resources.h"

static const char usage[] = N_(
  "Usage:\n"
  "  voxelscope [FILE…]                 Open the window (the built-in demo when no FILE)\n"
  "  voxelscope info FILE [--json]       Describe a volume (--instances: its instances)\n"
  "  voxelscope render FILE… -o OUT.png  Render slices, 3D views and figures (PNG, PDF, SVG)\n"
  "                                      without a display, or a scene (--scene S.vscene)\n"
  "  voxelscope analyze ANALYSIS …       Run an analysis and write its results: encoding,\n"
  "                                      selectivity, midline, attention, instances,\n"
  "                                      evaluate\n"
  "\n"
  "Run “voxelscope COMMAND --help” for the options of a command.\n"
  "Files: NIfTI-1/2 (.nii, .nii.gz, .hdr/.img), Zarr v2 arrays and groups (FISBe's\n"
  "sample.zarr), PNG/JPEG slices; label tables (MRIcron .txt + .lut, FreeSurfer colour\n"
  "LUT, FSL atlas .xml, .tsv) found beside a label volume; surfaces (GIFTI, FreeSurfer\n"
  "lh.white/lh.pial/…) and per-vertex data (GIFTI shape/func/label, lh.curv,\n"
  "lh.thickness, .annot, .label); scenes (.vscene).\n");

int
main (int argc, char *argv[])
{
  vs_i18n_init ();
  vs_register_resource ();

  if (argc >= 2)
    {
      if (g_str_equal (argv[1], "info"))
        return vs_command_info_run (argc - 1, argv + 1);
      if (g_str_equal (argv[1], "render"))
        return vs_command_render_run (argc - 1, argv + 1);
      if (g_str_equal (argv[1], "analyze"))
        return vs_command_analyze_run (argc - 1, argv + 1);
      if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
          g_str_equal (argv[1], "help"))
        {
          g_print ("%s", _(usage));
          return 0;
        }
      if (g_str_equal (argv[1], "--version"))
        {
          g_print ("voxelscope %s\n", PACKAGE_VERSION);
          return 0;
        }
    }
  return vs_application_run (argc, argv);
}
