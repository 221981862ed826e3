/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-test-fixtures"

#include "config.h"

#include <cairo.h>
#include <math.h>

#include <glib/gstdio.h>

#include <string.h>
#include <sys/wait.h>
#include <zlib.h>

#include "vs-file-saver.h"
#include "vs-label-table.h"
#include "vs-nifti-reader.h"
#include "vs-nifti-writer.h"
#include "vs-test-fixtures.h"

#include <nifti1.h>
#include <nifti2.h>

static void
swap_bytes (guint8 *p, gsize n, gsize size)
{
  for (gsize i = 0; i < n; i++, p += size)
    for (gsize a = 0, b = size - 1; a < b; a++, b--)
      {
        guint8 t = p[a];
        p[a] = p[b];
        p[b] = t;
      }
}

#define SWAP_ARRAY(array) swap_bytes ((guint8 *) (array), G_N_ELEMENTS (array), sizeof ((array)[0]))

void
vs_test_nifti_init (VsTestNifti *spec,
                    int          datatype,
                    int          bitpix,
                    gint64       nx,
                    gint64       ny,
                    gint64       nz,
                    gint64       nt)
{
  memset (spec, 0, sizeof *spec);
  spec->version = 1;
  spec->datatype = datatype;
  spec->bitpix = bitpix;
  spec->dim[0] = nt > 1 ? 4 : 3;
  spec->dim[1] = nx;
  spec->dim[2] = ny;
  spec->dim[3] = nz;
  spec->dim[4] = nt;
  for (int i = 5; i < 8; i++)
    spec->dim[i] = 1;
  for (int i = 0; i < 8; i++)
    spec->pixdim[i] = 1.0;
  spec->slope = 1.0;
}

static GBytes *
build_header1 (const VsTestNifti *spec)
{
  nifti_1_header h;

  memset (&h, 0, sizeof h);
  h.sizeof_hdr = 348;
  for (int i = 0; i < 8; i++)
    {
      h.dim[i] = (short) spec->dim[i];
      h.pixdim[i] = (float) spec->pixdim[i];
    }
  h.pixdim[0] = 1.0f;  /* qfac */
  h.datatype = (short) spec->datatype;
  h.bitpix = (short) spec->bitpix;
  h.vox_offset = 352;
  h.scl_slope = (float) spec->slope;
  h.scl_inter = (float) spec->intercept;
  h.qform_code = (short) spec->qform_code;
  h.sform_code = (short) spec->sform_code;
  h.quatern_b = (float) spec->quatern[0];
  h.quatern_c = (float) spec->quatern[1];
  h.quatern_d = (float) spec->quatern[2];
  h.qoffset_x = (float) spec->qoffset[0];
  h.qoffset_y = (float) spec->qoffset[1];
  h.qoffset_z = (float) spec->qoffset[2];
  for (int i = 0; i < 4; i++)
    {
      h.srow_x[i] = (float) spec->srow[i];
      h.srow_y[i] = (float) spec->srow[4 + i];
      h.srow_z[i] = (float) spec->srow[8 + i];
    }
  h.intent_code = (short) spec->intent_code;
  h.xyzt_units = NIFTI_UNITS_MM;
  memcpy (h.magic, "n+1", 4);

  if (spec->big_endian == (G_BYTE_ORDER == G_LITTLE_ENDIAN))
    {
      swap_bytes ((guint8 *) &h.sizeof_hdr, 1, 4);
      SWAP_ARRAY (h.dim);
      SWAP_ARRAY (h.pixdim);
      swap_bytes ((guint8 *) &h.datatype, 1, 2);
      swap_bytes ((guint8 *) &h.bitpix, 1, 2);
      swap_bytes ((guint8 *) &h.vox_offset, 1, 4);
      swap_bytes ((guint8 *) &h.scl_slope, 1, 4);
      swap_bytes ((guint8 *) &h.scl_inter, 1, 4);
      swap_bytes ((guint8 *) &h.qform_code, 1, 2);
      swap_bytes ((guint8 *) &h.sform_code, 1, 2);
      swap_bytes ((guint8 *) &h.quatern_b, 1, 4);
      swap_bytes ((guint8 *) &h.quatern_c, 1, 4);
      swap_bytes ((guint8 *) &h.quatern_d, 1, 4);
      swap_bytes ((guint8 *) &h.qoffset_x, 1, 4);
      swap_bytes ((guint8 *) &h.qoffset_y, 1, 4);
      swap_bytes ((guint8 *) &h.qoffset_z, 1, 4);
      SWAP_ARRAY (h.srow_x);
      SWAP_ARRAY (h.srow_y);
      SWAP_ARRAY (h.srow_z);
      swap_bytes ((guint8 *) &h.intent_code, 1, 2);
    }
  {
    guint8 block[352] = { 0 };
    memcpy (block, &h, 348);
    return g_bytes_new (block, sizeof block);
  }
}

static GBytes *
build_header2 (const VsTestNifti *spec)
{
  nifti_2_header h;

  memset (&h, 0, sizeof h);
  h.sizeof_hdr = 540;
  memcpy (h.magic, "n+2\0\r\n\032\n", 8);
  h.datatype = (gint16) spec->datatype;
  h.bitpix = (gint16) spec->bitpix;
  for (int i = 0; i < 8; i++)
    {
      h.dim[i] = spec->dim[i];
      h.pixdim[i] = spec->pixdim[i];
    }
  h.pixdim[0] = 1.0;
  h.vox_offset = 544;
  h.scl_slope = spec->slope;
  h.scl_inter = spec->intercept;
  h.qform_code = spec->qform_code;
  h.sform_code = spec->sform_code;
  h.quatern_b = spec->quatern[0];
  h.quatern_c = spec->quatern[1];
  h.quatern_d = spec->quatern[2];
  h.qoffset_x = spec->qoffset[0];
  h.qoffset_y = spec->qoffset[1];
  h.qoffset_z = spec->qoffset[2];
  for (int i = 0; i < 4; i++)
    {
      h.srow_x[i] = spec->srow[i];
      h.srow_y[i] = spec->srow[4 + i];
      h.srow_z[i] = spec->srow[8 + i];
    }
  h.intent_code = spec->intent_code;
  h.xyzt_units = NIFTI_UNITS_MM;

  if (spec->big_endian == (G_BYTE_ORDER == G_LITTLE_ENDIAN))
    {
      swap_bytes ((guint8 *) &h.sizeof_hdr, 1, 4);
      swap_bytes ((guint8 *) &h.datatype, 1, 2);
      swap_bytes ((guint8 *) &h.bitpix, 1, 2);
      SWAP_ARRAY (h.dim);
      SWAP_ARRAY (h.pixdim);
      swap_bytes ((guint8 *) &h.vox_offset, 1, 8);
      swap_bytes ((guint8 *) &h.scl_slope, 1, 8);
      swap_bytes ((guint8 *) &h.scl_inter, 1, 8);
      swap_bytes ((guint8 *) &h.qform_code, 1, 4);
      swap_bytes ((guint8 *) &h.sform_code, 1, 4);
      swap_bytes ((guint8 *) &h.quatern_b, 1, 8);
      swap_bytes ((guint8 *) &h.quatern_c, 1, 8);
      swap_bytes ((guint8 *) &h.quatern_d, 1, 8);
      swap_bytes ((guint8 *) &h.qoffset_x, 1, 8);
      swap_bytes ((guint8 *) &h.qoffset_y, 1, 8);
      swap_bytes ((guint8 *) &h.qoffset_z, 1, 8);
      SWAP_ARRAY (h.srow_x);
      SWAP_ARRAY (h.srow_y);
      SWAP_ARRAY (h.srow_z);
      swap_bytes ((guint8 *) &h.intent_code, 1, 4);
    }
  {
    guint8 block[544] = { 0 };
    memcpy (block, &h, 540);
    return g_bytes_new (block, sizeof block);
  }
}

char *
vs_test_nifti_write (const VsTestNifti *spec,
                     const char        *dir,
                     const char        *name)
{
  g_autoptr(GBytes) header = spec->version == 2 ? build_header2 (spec) : build_header1 (spec);
  g_autoptr(GByteArray) file = g_byte_array_new ();
  char *path = g_build_filename (dir, name, NULL);
  gsize header_size;
  const guint8 *header_bytes = g_bytes_get_data (header, &header_size);
  gsize length;

  g_byte_array_append (file, header_bytes, header_size);
  if (spec->data != NULL)
    {
      guint start = file->len;
      g_byte_array_append (file, spec->data, spec->data_bytes);
      if (spec->big_endian == (G_BYTE_ORDER == G_LITTLE_ENDIAN) && spec->bitpix > 8 &&
          spec->datatype != 128)
        swap_bytes (file->data + start, spec->data_bytes / (spec->bitpix / 8), spec->bitpix / 8);
    }
  length = spec->truncate_to > 0 ? MIN (spec->truncate_to, file->len) : file->len;

  if (spec->gzip)
    {
      gzFile gz = gzopen (path, "wb");
      g_assert_nonnull (gz);
      g_assert_cmpint (gzwrite (gz, file->data, (unsigned) length), ==, (int) length);
      g_assert_cmpint (gzclose (gz), ==, Z_OK);
    }
  else
    g_assert_true (g_file_set_contents (path, (const char *) file->data, length, NULL));
  return path;
}

/* Removes @dir and everything in it. */
void
vs_test_remove_tree (const char *dir)
{
  vs_file_remove_tree (dir);
}

char *
vs_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("voxelscope-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

const char *
vs_test_nibabel_data_dir (void)
{
  return "/usr/lib/python3/dist-packages/nibabel/tests/data";
}

const char *
vs_test_mricron_dir (void)
{
  return DEMO_DATA_DIR;
}

int
vs_test_run_voxelscope (const char *const *args,
                        char              **out_stdout,
                        char              **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("VOXELSCOPE_BIN");
  int status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* What is not asked for stays out of the test's own output (TAP). */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               out_stdout == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : G_SPAWN_DEFAULT,
                               NULL, NULL, out_stdout, out_stderr, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

/* .npy files written byte by byte. */
char *
vs_test_write_npy (const char *dir, const char *name, const char *descr, gboolean fortran,
           const char *shape, gconstpointer data, gsize bytes, gsize truncate)
{
  g_autofree char *dict = g_strdup_printf ("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }",
                                           descr, fortran ? "True" : "False", shape);
  g_autoptr(GByteArray) file = g_byte_array_new ();
  gsize header = strlen (dict) + 1, padded = (10 + header + 63) / 64 * 64 - 10;
  guint8 lenbytes[2] = { padded & 0xff, padded >> 8 };
  char *path = g_build_filename (dir, name, NULL);

  g_byte_array_append (file, (const guint8 *) "\x93NUMPY\x01\x00", 8);
  g_byte_array_append (file, lenbytes, 2);
  g_byte_array_append (file, (const guint8 *) dict, strlen (dict));
  for (gsize i = header - 1; i < padded - 1; i++)
    g_byte_array_append (file, (const guint8 *) " ", 1);
  g_byte_array_append (file, (const guint8 *) "\n", 1);
  g_byte_array_append (file, data, bytes);
  g_assert_true (g_file_set_contents (path, (const char *) file->data,
                                      file->len - truncate, NULL));
  return path;
}


/* A GIFTI func file with one ASCII data array per presentation: @values holds @n_arrays rows of
 * @count vertices, row i starting at values[i * stride + first]. */
char *
vs_test_write_func_gifti (const char  *dir,
                          const char  *name,
                          const float *values,
                          gsize        n_arrays,
                          gsize        stride,
                          gsize        first,
                          gsize        count)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  char *path = g_build_filename (dir, name, NULL);

  g_string_append_printf (xml, "<GIFTI Version=\"1.0\" NumberOfDataArrays=\"%zu\">\n", n_arrays);
  for (gsize i = 0; i < n_arrays; i++)
    {
      g_string_append_printf (xml, "<DataArray Intent=\"NIFTI_INTENT_NONE\" "
                              "DataType=\"NIFTI_TYPE_FLOAT32\" ArrayIndexingOrder=\"RowMajorOrder\" "
                              "Dimensionality=\"1\" Dim0=\"%zu\" Encoding=\"ASCII\" "
                              "Endian=\"LittleEndian\" ExternalFileName=\"\" "
                              "ExternalFileOffset=\"\"><Data>", count);
      for (gsize v = 0; v < count; v++)
        g_string_append_printf (xml, "%.9g ", values[i * stride + first + v]);
      g_string_append (xml, "</Data></DataArray>\n");
    }
  g_string_append (xml, "</GIFTI>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
  return path;
}

/* A greyscale PNG of the Colin27 axial slice 80 on a 290×290 canvas, turned by @degrees about
 * the canvas centre. */
char *
vs_test_write_colin_slice_png (const char *dir,
                               const char *name,
                               double      degrees)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VsVolume) volume = vs_nifti_read ("/usr/share/mricron/templates/ch2.nii.gz", NULL, NULL,
                                              &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 290, 290);
  guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double a = degrees * G_PI / 180;
  char *path = g_build_filename (dir, name, NULL);

  cairo_surface_flush (surface);
  for (int y = 0; y < 290; y++)
    for (int x = 0; x < 290; x++)
      {
        /* Canvas centre 144.5 ↔ slice centre (90, 108). */
        double dx = x - 144.5, dy = y - 144.5, value = 0;
        double sx = cos (a) * dx + sin (a) * dy + 90, sy = -sin (a) * dx + cos (a) * dy + 108;
        guint8 grey;
        if (sx >= 0 && sy >= 0 && sx <= 180 && sy <= 216)
          {
            double ijk[3] = { sx, sy, 80 }, xyz[3];
            vs_volume_voxel_to_world (volume, ijk, xyz);
            vs_volume_sample_trilinear (volume, xyz, 0, &value);
          }
        grey = (guint8) CLAMP (value * 255 / 120, 0, 255);
        ((guint32 *) (pixels + y * stride))[x] = 0xff000000u | grey << 16 | grey << 8 | grey;
      }
  cairo_surface_mark_dirty (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static double
fixture_gaussian (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1), u2 = g_rand_double (rand);
  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

/* A small attention experiment in @dir: 300 presentations (250 train, 50 test) of patch features
 * on a 6×6 grid × 8 channels, responses of 8 voxels on a 4×2×1 grid, an atlas (label 1 "early"
 * for voxels 0–3, label 2 "late" for 4–7, names in its sidecar) whose regions read Gaussian blobs
 * at (1.2, 1.4) and (4.3, 3.8) through their own feature directions, with noise. */
void
vs_test_write_attention_dataset (const char           *dir,
                                 VsTestAttentionPaths *paths)
{
  enum { G = 6, KK = G * G, PP = 8, NN = 300 };
  const double where[2][2] = { { 1.2, 1.4 }, { 4.3, 3.8 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree float *patches = g_new (float, (gsize) NN * KK * PP);
  g_autoptr(GString) tsv = g_string_new ("stimulus_id\timage\tcategory\tsplit\trepeat\n");
  const gint64 ydims[4] = { 4, 2, 1, NN }, adims[4] = { 4, 2, 1, 1 };
  g_autoptr(VsVolume) y = vs_volume_new (VS_DATATYPE_FLOAT32, ydims, NULL);
  g_autoptr(VsVolume) atlas = vs_volume_new (VS_DATATYPE_UINT8, adims, NULL);
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  double blob[2][KK], w[2][PP];
  float *yd = vs_volume_get_data_mutable (y);
  guint8 *labels = vs_volume_get_data_mutable (atlas);
  guint8 red[4] = { 255, 0, 0, 255 }, blue[4] = { 0, 0, 255, 255 };

  for (int q = 0; q < 2; q++)
    {
      double sum = 0;
      for (int j = 0; j < KK; j++)
        {
          double dr = j / G - where[q][0], dc = j % G - where[q][1];
          sum += blob[q][j] = exp (-(dr * dr + dc * dc) / 2);
        }
      for (int j = 0; j < KK; j++)
        blob[q][j] /= sum;
      for (int c = 0; c < PP; c++)
        w[q][c] = fixture_gaussian (rand);
    }
  for (gsize i = 0; i < (gsize) NN * KK * PP; i++)
    patches[i] = (float) fixture_gaussian (rand);
  for (int v = 0; v < 8; v++)
    labels[v] = v < 4 ? 1 : 2;
  for (int i = 0; i < NN; i++)
    {
      for (int v = 0; v < 8; v++)
        {
          int q = v < 4 ? 0 : 1;
          double value = 0;
          for (int j = 0; j < KK; j++)
            for (int c = 0; c < PP; c++)
              value += blob[q][j] * w[q][c] * patches[((gsize) i * KK + j) * PP + c];
          yd[v + i * 8] = (float) (100 + value + 0.2 * fixture_gaussian (rand));
        }
      g_string_append_printf (tsv, "s%d\t\tx\t%s\t0\n", i, i < 250 ? "train" : "test");
    }
  paths->patches = vs_test_write_npy (dir, "patches.npy", "<f4", FALSE, "(300, 36, 8)", patches,
                                      (gsize) NN * KK * PP * sizeof (float), 0);
  paths->responses = g_build_filename (dir, "y.nii.gz", NULL);
  paths->atlas = g_build_filename (dir, "atlas.nii.gz", NULL);
  paths->stimuli = g_build_filename (dir, "stim.tsv", NULL);
  vs_label_table_add (table, 1, "early", red);
  vs_label_table_add (table, 2, "late", blue);
  vs_volume_set_label_table (atlas, table);
  g_assert_true (vs_nifti_write (y, paths->responses, NULL));
  g_assert_true (vs_nifti_write (atlas, paths->atlas, NULL));
  g_assert_true (g_file_set_contents (paths->stimuli, tsv->str, -1, NULL));
}

void
vs_test_attention_paths_clear (VsTestAttentionPaths *paths)
{
  g_free (paths->patches);
  g_free (paths->responses);
  g_free (paths->atlas);
  g_free (paths->stimuli);
}

/* The attention dataset's regions as a label GIFTI over its 8 "vertices": 1 "early" for 0–3,
 * 2 "late" for 4–7. */
void
vs_test_write_attention_labels_gifti (const char *path)
{
  g_assert_true (g_file_set_contents (path,
    "<?xml version=\"1.0\"?><GIFTI Version=\"1.0\" NumberOfDataArrays=\"1\"><LabelTable>"
    "<Label Key=\"0\" Red=\"0\" Green=\"0\" Blue=\"0\" Alpha=\"0\">none</Label>"
    "<Label Key=\"1\" Red=\"1\" Green=\"0\" Blue=\"0\" Alpha=\"1\">early</Label>"
    "<Label Key=\"2\" Red=\"0\" Green=\"0\" Blue=\"1\" Alpha=\"1\">late</Label>"
    "</LabelTable><DataArray Intent=\"NIFTI_INTENT_LABEL\" DataType=\"NIFTI_TYPE_INT32\" "
    "ArrayIndexingOrder=\"RowMajorOrder\" Dimensionality=\"1\" Dim0=\"8\" "
    "Encoding=\"ASCII\" Endian=\"LittleEndian\" ExternalFileName=\"\" "
    "ExternalFileOffset=\"\"><Data>1 1 1 1 2 2 2 2</Data></DataArray></GIFTI>", -1, NULL));
}

/* A copy of @from at @to (test data into a temporary folder). */
void
vs_test_copy_file (const char *from,
                   const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

/* The mean absolute difference of two same-sized images over their RGB channels, in grey
 * levels; *@far_fraction gets the share of pixels off by more than @far in some channel. */
double
vs_test_image_difference (cairo_surface_t *a,
                          cairo_surface_t *b,
                          int              far,
                          double          *far_fraction)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  double sum = 0;
  gsize n_far = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);
      for (int x = 0; x < w; x++)
        {
          int worst = 0;
          for (int c = 0; c < 3; c++)
            {
              int d = abs ((int) ra[4 * x + c] - (int) rb[4 * x + c]);
              sum += d;
              worst = MAX (worst, d);
            }
          n_far += worst > far;
        }
    }
  *far_fraction = (double) n_far / ((double) w * h);
  return sum / (3.0 * w * h);
}
