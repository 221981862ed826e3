/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "vs-attention-study.h"
#include "vs-freesurfer-reader.h"
#include "vs-fuzz-readers.h"
#include "vs-gifti-reader.h"
#include "vs-label-table-reader.h"
#include "vs-midline-annotations.h"
#include "vs-nifti-reader.h"
#include "vs-npy-reader.h"
#include "vs-stimulus-table.h"

/* Every reader that takes a file from the user, by name, with the file name it expects: what
 * the fuzz targets and the regression test run. */

static void
nifti (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) v = vs_nifti_read (path, NULL, NULL, &error);
}

static void
gifti (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsSurface) s = vs_gifti_read_surface (path, &error);
  g_autoptr(GError) error2 = NULL;
  g_autoptr(VsVertexData) d = vs_gifti_read_vertex_data (path, &error2);
}

static void
freesurfer_surface (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsSurface) s = vs_freesurfer_read_surface (path, &error);
}

static void
freesurfer_curv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVertexData) d = vs_freesurfer_read_morphometry (path, &error);
}

static void
freesurfer_annot (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVertexData) d = vs_freesurfer_read_annot (path, &error);
}

static void
freesurfer_label (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVertexData) d = vs_freesurfer_read_label (path, 1000, &error);
}

static void
label_table (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsLabelTable) t = vs_label_table_read (path, &error);
}

static void
npy (const char *path)
{
  gsize shape[3];
  guint n_dims;
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_autoptr(VsMatrix) m = vs_npy_read (path, shape, &n_dims, &e1);
  g_autofree float *f = vs_npy_read_float32 (path, shape, &n_dims, &e2);
  g_autoptr(VsVolume) v = vs_npy_read_volume (path, &e3);
}

static void
stimulus_table (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsStimulusTable) t = vs_stimulus_table_read (path, &error);
}

static void
midline_json (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsMidlineAnnotations) a = vs_midline_annotations_read (path, &error);
}

static void
symbrain_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsMidlineAnnotations) a = vs_symbrain_read_csv (path, &error);
}

static void
region_names (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = vs_attention_names_read (path, &error);
}

static const struct {
  const char *name;
  const char *file;
  void      (*read) (const char *path);
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
  readers[reader].read (path);
}
