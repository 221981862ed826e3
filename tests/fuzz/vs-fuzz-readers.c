/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <glib/gstdio.h>

#include "vs-attention-study.h"
#include "vs-freesurfer-reader.h"
#include "vs-fuzz-readers.h"
#include "vs-surface-loader.h"
#include "vs-gifti-reader.h"
#include "vs-label-table-reader.h"
#include "vs-midline-annotations.h"
#include "vs-nifti-reader.h"
#include "vs-npy-reader.h"
#include "vs-scene-file.h"
#include "vs-zarr-reader.h"
#include "vs-stimulus-table.h"

/* Every reader that takes a file from the user, by name, with the file name it expects: what
 * the fuzz targets and the regression test run. */

static gboolean
nifti (const char *path, GError **error)
{
  g_autoptr(VsVolume) v = vs_nifti_read (path, NULL, NULL, error);
  return v != NULL;
}

static gboolean
gifti (const char *path, GError **error)
{
  /* As the window decides: a file with a POINTSET array is a surface, anything else data. */
  if (vs_file_is_surface (path))
    {
      g_autoptr(VsSurface) s = vs_gifti_read_surface (path, error);
      return s != NULL;
    }
  g_autoptr(VsVertexData) d = vs_gifti_read_vertex_data (path, error);
  return d != NULL;
}

static gboolean
freesurfer_surface (const char *path, GError **error)
{
  g_autoptr(VsSurface) s = vs_freesurfer_read_surface (path, error);
  return s != NULL;
}

static gboolean
freesurfer_curv (const char *path, GError **error)
{
  g_autoptr(VsVertexData) d = vs_freesurfer_read_morphometry (path, error);
  return d != NULL;
}

static gboolean
freesurfer_annot (const char *path, GError **error)
{
  g_autoptr(VsVertexData) d = vs_freesurfer_read_annot (path, error);
  return d != NULL;
}

static gboolean
freesurfer_label (const char *path, GError **error)
{
  g_autoptr(VsVertexData) d = vs_freesurfer_read_label (path, 1000, error);
  return d != NULL;
}

static gboolean
label_table (const char *path, GError **error)
{
  g_autoptr(VsLabelTable) t = vs_label_table_read (path, error);
  return t != NULL;
}

static gboolean
npy (const char *path, GError **error)
{
  gsize shape[3];
  guint n_dims;
  g_autoptr(VsMatrix) m = vs_npy_read (path, shape, &n_dims, error);
  g_autofree float *f = vs_npy_read_float32 (path, shape, &n_dims, NULL);
  g_autoptr(VsVolume) v = vs_npy_read_volume (path, NULL);
  return m != NULL;
}

static gboolean
stimulus_table (const char *path, GError **error)
{
  g_autoptr(VsStimulusTable) t = vs_stimulus_table_read (path, error);
  return t != NULL;
}

static gboolean
midline_json (const char *path, GError **error)
{
  g_autoptr(VsMidlineAnnotations) a = vs_midline_annotations_read (path, error);
  return a != NULL;
}

static gboolean
symbrain_csv (const char *path, GError **error)
{
  g_autoptr(VsMidlineAnnotations) a = vs_symbrain_read_csv (path, error);
  return a != NULL;
}

static gboolean
region_names (const char *path, GError **error)
{
  g_autoptr(GPtrArray) names = vs_attention_names_read (path, error);
  return names != NULL;
}

static gboolean
scene (const char *path, GError **error)
{
  g_autoptr(VsSceneFile) s = vs_scene_file_read (path, error);
  return s != NULL;
}

/* .zarray metadata: parsed and checked, no data read (a shape that fits in memory is legal). */
static gboolean
zarr_metadata (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gint64 dims[4];
  VsDatatype type;
  return vs_zarr_read_header (dir, dims, &type, error);
}

/* A chunk: the first byte picks the compressor and data type of a small array (4 × 5 × 6,
 * chunks 4 × 5 × 3: two chunks, the second missing), the rest is chunk 0.0.0. */
static gboolean
zarr_chunk (const char *path, GError **error)
{
  static const char *const compressors[] = {
    "null", "{\"id\": \"zlib\"}", "{\"id\": \"gzip\"}", "{\"id\": \"zstd\"}",
    "{\"id\": \"blosc\"}"
  };
  static const char *const dtypes[] = { "|u1", "<u2", ">i2", "<f4", "<f8" };
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *meta = g_build_filename (dir, ".zarray", NULL);
  g_autofree char *chunk = g_build_filename (dir, "0.0.0", NULL);
  g_autofree char *zarray = NULL;
  g_autoptr(VsVolume) volume = NULL;
  gsize length = 0;
  guint8 pick;

  if (!g_file_get_contents (path, &contents, &length, error) || length == 0)
    return FALSE;
  pick = (guint8) contents[0];
  zarray = g_strdup_printf ("{\"zarr_format\": 2, \"shape\": [4, 5, 6], \"chunks\": [4, 5, 3], "
                            "\"dtype\": \"%s\", \"compressor\": %s, \"fill_value\": 1, "
                            "\"order\": \"%s\", \"filters\": null}",
                            dtypes[(pick / 5) % 5], compressors[pick % 5],
                            pick >= 128 ? "F" : "C");
  g_file_set_contents (meta, zarray, -1, NULL);
  g_file_set_contents (chunk, contents + 1, (gssize) length - 1, NULL);
  volume = vs_zarr_read (dir, NULL, NULL, error);
  g_unlink (meta);
  g_unlink (chunk);
  return volume != NULL;
}

/* Attributes (.zattrs: resolution, units, intent, label table) of a small uint32 array. */
static gboolean
zarr_attributes (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *meta = g_build_filename (dir, ".zarray", NULL);
  g_autoptr(VsVolume) volume = NULL;

  g_file_set_contents (meta, "{\"zarr_format\": 2, \"shape\": [4, 5, 6], \"chunks\": [4, 5, 6], "
                       "\"dtype\": \"<u4\", \"compressor\": null, \"fill_value\": 3, "
                       "\"order\": \"C\", \"filters\": null}", -1, NULL);
  volume = vs_zarr_read (dir, NULL, NULL, error);
  g_unlink (meta);
  return volume != NULL;
}

static const struct {
  const char *name;
  const char *file;
  gboolean  (*read) (const char *path,
                     GError    **error);
} readers[] = {
  { "nifti", "input.nii", nifti },
  { "nifti-gz", "input.nii.gz", nifti },
  { "gifti", "input.gii", gifti },
  { "freesurfer-surface", "lh.white", freesurfer_surface },
  { "freesurfer-curv", "lh.curv", freesurfer_curv },
  { "freesurfer-annot", "lh.aparc.annot", freesurfer_annot },
  { "freesurfer-label", "lh.V1.label", freesurfer_label },
  { "label-table-txt", "atlas.nii.txt", label_table },
  { "label-table-xml", "atlas.xml", label_table },
  { "label-table-tsv", "atlas.tsv", label_table },
  { "npy", "input.npy", npy },
  { "stimulus-table", "stimuli.tsv", stimulus_table },
  { "midline-json", "midlines.json", midline_json },
  { "symbrain-csv", "lines.csv", symbrain_csv },
  { "region-names", "regions.tsv", region_names },
  { "scene", "session.vscene", scene },
  { "zarr-metadata", "a.zarr/.zarray", zarr_metadata },
  { "zarr-chunk", "a.zarr/chunk.bin", zarr_chunk },
  { "zarr-attributes", "a.zarr/.zattrs", zarr_attributes },
};


guint
vs_fuzz_n_readers (void)
{
  return G_N_ELEMENTS (readers);
}

const char *
vs_fuzz_reader_name (guint reader)
{
  return readers[reader].name;
}

const char *
vs_fuzz_reader_file (guint reader)
{
  return readers[reader].file;
}

/* Reads @path with reader @reader; whatever it returns is dropped. */
void
vs_fuzz_read (guint       reader,
              const char *path)
{
  readers[reader].read (path, NULL);
}

/* Reads a copy of @source, under the file name reader @reader expects, in a temporary folder:
 * the reader's error message, or NULL when it read the file. */
char *
vs_fuzz_read_copy (guint       reader,
                   const char *source)
{
  g_autofree char *tmp = g_dir_make_tmp ("vs-fuzz-input-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, readers[reader].file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *message = NULL;
  gsize length = 0;

  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  if (!readers[reader].read (path, &error))
    message = g_strdup (error != NULL ? error->message : "(failed without a message)");
  g_unlink (path);
  if (!g_str_equal (parent, tmp))
    g_rmdir (parent);
  g_rmdir (tmp);
  return message;
}
