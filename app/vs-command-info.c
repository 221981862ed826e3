/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-info"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "vs-command-info.h"
#include "vs-instance-stats.h"
#include "vs-volume-loader.h"
#include "vs-volume-stats.h"

/* voxelscope info FILE [--json]: what a volume is, in words or JSON. */

static const char *
intent_name (VsVolumeIntent intent)
{
  switch (intent)
    {
    case VS_VOLUME_INTENT_LABEL: return "label";
    case VS_VOLUME_INTENT_STATISTIC: return "statistic";
    case VS_VOLUME_INTENT_RGB: return "rgb";
    default: return "scalar";
    }
}

/* What both the text and the JSON report show. */
typedef struct {
  VsLabelTable *table;
  gint64        dims[4];
  double        size[3];
  double        affine[16];
  double        slope;
  double        intercept;
  char          code[4];
} Facts;

static void
gather (VsVolume *volume, Facts *f)
{
  f->table = vs_volume_get_label_table (volume);
  vs_volume_get_dims (volume, f->dims);
  vs_volume_get_voxel_size (volume, f->size);
  vs_volume_get_affine (volume, f->affine);
  vs_volume_get_orientation (volume, f->code);
  vs_volume_get_scaling (volume, &f->slope, &f->intercept);
}

static JsonNode *
describe (VsVolume *volume, const VsVolumeStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  Facts f;

  gather (volume, &f);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, vs_volume_get_path (volume));
  json_builder_set_member_name (b, "dims");
  json_builder_begin_array (b);
  for (int a = 0; a < 4; a++)
    json_builder_add_int_value (b, f.dims[a]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "voxel_size");
  json_builder_begin_array (b);
  for (int a = 0; a < 3; a++)
    json_builder_add_double_value (b, f.size[a]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "spatial_unit");
  json_builder_add_string_value (b, vs_volume_get_spatial_unit (volume));
  json_builder_set_member_name (b, "datatype");
  json_builder_add_string_value (b, vs_datatype_get_name (vs_volume_get_datatype (volume)));
  json_builder_set_member_name (b, "scale_slope");
  json_builder_add_double_value (b, f.slope);
  json_builder_set_member_name (b, "scale_intercept");
  json_builder_add_double_value (b, f.intercept);
  json_builder_set_member_name (b, "intent");
  json_builder_add_string_value (b, intent_name (vs_volume_get_intent (volume)));
  json_builder_set_member_name (b, "affine");
  json_builder_begin_array (b);
  for (int r = 0; r < 4; r++)
    {
      json_builder_begin_array (b);
      for (int c = 0; c < 4; c++)
        json_builder_add_double_value (b, f.affine[r * 4 + c]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "orientation");
  json_builder_add_string_value (b, f.code);
  json_builder_set_member_name (b, "range");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, stats->min);
  json_builder_add_double_value (b, stats->max);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "robust_range");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, stats->robust_min);
  json_builder_add_double_value (b, stats->robust_max);
  json_builder_end_array (b);
  if (f.table != NULL)
    {
      json_builder_set_member_name (b, "label_count");
      json_builder_add_int_value (b, vs_label_table_get_n_labels (f.table));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_text (VsVolume *volume, const VsVolumeStats *stats)
{
  Facts f;

  gather (volume, &f);

  g_print ("file          %s\n", vs_volume_get_path (volume));
  g_print ("dims          %" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " × %" G_GINT64_FORMAT
           " × %" G_GINT64_FORMAT "\n", f.dims[0], f.dims[1], f.dims[2], f.dims[3]);
  g_print ("voxel size    %g × %g × %g %s\n", f.size[0], f.size[1], f.size[2],
           vs_volume_get_spatial_unit (volume));
  g_print ("datatype      %s\n", vs_datatype_get_name (vs_volume_get_datatype (volume)));
  if (f.slope != 1.0 || f.intercept != 0.0)
    g_print ("scaling       × %g + %g\n", f.slope, f.intercept);
  g_print ("intent        %s\n", intent_name (vs_volume_get_intent (volume)));
  g_print ("orientation   %s\n", f.code);
  g_print ("affine        ");
  for (int r = 0; r < 4; r++)
    g_print ("%s[%10.4f %10.4f %10.4f %10.4f]\n", r == 0 ? "" : "              ",
             f.affine[r * 4], f.affine[r * 4 + 1], f.affine[r * 4 + 2], f.affine[r * 4 + 3]);
  g_print ("range         %g … %g\n", stats->min, stats->max);
  g_print ("robust range  %g … %g  (2nd–98th percentile of non-zero voxels)\n",
           stats->robust_min, stats->robust_max);
  if (f.table != NULL)
    g_print ("labels        %u\n", vs_label_table_get_n_labels (f.table));
}

int
vs_command_info_run (int argc, char **argv)
{
  gboolean json = FALSE, instances = FALSE;
  g_autofree char *labels = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "labels", 0, 0, G_OPTION_ARG_FILENAME, &labels,
      N_("Label table for an integer volume (MRIcron .txt, FreeSurfer LUT, FSL .xml, .tsv)"),
      N_("TABLE") },
    { "instances", 0, 0, G_OPTION_ARG_NONE, &instances,
      N_("Also list the instances of a label volume (or one mask per frame): voxels, skeleton "
         "length, bounding box"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — describe a volume"));
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = NULL;
  g_autoptr(VsVolumeStats) stats = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Prints dimensions, voxel size, datatype, the voxel-to-world affine, orientation,\n"
      "value range and robust range, and the number of labels of a label volume."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("voxelscope info: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("voxelscope info: %s\n", _("give exactly one FILE (see --help)"));
      return 2;
    }

  volume = vs_volume_load (argv[1], labels, NULL, NULL, &error);
  if (volume != NULL)
    stats = vs_volume_stats_compute (volume, 0, NULL, NULL, &error);
  if (stats == NULL)
    {
      g_printerr ("voxelscope info: %s\n", error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = describe (volume, stats);
      g_autofree char *text = json_to_string (node, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_text (volume, stats);
  if (instances)
    {
      g_autoptr(GArray) list = vs_instance_stats_compute (volume, NULL, &error);
      if (list == NULL)
        {
          g_printerr ("voxelscope info: %s\n", error->message);
          return 1;
        }
      /* A table to read or to load: tab-separated, one row per instance. */
      g_print ("\nlabel\tvoxels\tskeleton_length_%s\tbox_min\tbox_max\tcentre\n",
               g_str_equal (vs_volume_get_spatial_unit (volume), "µm")
               ? "um" : vs_volume_get_spatial_unit (volume));
      for (guint i = 0; i < list->len; i++)
        {
          const VsInstanceStats *st = &g_array_index (list, VsInstanceStats, i);
          g_print ("%g\t%" G_GUINT64_FORMAT "\t%.2f\t%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%"
                   G_GINT64_FORMAT "\t%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                   "\t%.2f,%.2f,%.2f\n", st->label, st->n_voxels, st->skeleton_length, st->lo[0],
                   st->lo[1], st->lo[2], st->hi[0], st->hi[1], st->hi[2], st->centre[0],
                   st->centre[1], st->centre[2]);
        }
    }
  return 0;
}
