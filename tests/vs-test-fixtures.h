/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

#include <cairo.h>

G_BEGIN_DECLS

/* A NIfTI file written byte by byte by the test itself, so the reader is checked against files
 * it did not write: any datatype code, either byte order, NIfTI-1 or -2, plain or gzip. */
typedef struct {
  int          version;        /* 1 or 2 */
  gboolean     big_endian;
  gboolean     gzip;
  int          datatype;       /* NIfTI code */
  int          bitpix;
  gint64       dim[8];
  double       pixdim[8];
  double       slope;
  double       intercept;
  int          qform_code;
  int          sform_code;
  double       quatern[3];     /* b, c, d */
  double       qoffset[3];
  double       srow[12];
  int          intent_code;
  gconstpointer data;          /* native byte order; swapped here when big_endian */
  gsize        data_bytes;
  gsize        truncate_to;    /* 0: write everything */
} VsTestNifti;

void  vs_test_nifti_init    (VsTestNifti *spec,
                             int          datatype,
                             int          bitpix,
                             gint64       nx,
                             gint64       ny,
                             gint64       nz,
                             gint64       nt);
char *vs_test_nifti_write   (const VsTestNifti *spec,
                             const char        *dir,
                             const char        *name);
char *vs_test_make_tmpdir   (void);
void  vs_test_remove_tree   (const char *dir);
double vs_test_image_difference (cairo_surface_t *a,
                                 cairo_surface_t *b,
                                 int              far,
                                 double          *far_fraction);
void  vs_test_copy_file     (const char *from,
                             const char *to);

typedef struct {
  char *patches;
  char *responses;
  char *atlas;
  char *stimuli;
} VsTestAttentionPaths;

void  vs_test_write_attention_dataset (const char           *dir,
                                       VsTestAttentionPaths *paths);
void  vs_test_attention_paths_clear   (VsTestAttentionPaths *paths);
void  vs_test_write_attention_labels_gifti (const char *path);
char *vs_test_write_colin_slice_png (const char *dir,
                                     const char *name,
                                     double      degrees);
char *vs_test_write_func_gifti (const char  *dir,
                                const char  *name,
                                const float *values,
                                gsize        n_arrays,
                                gsize        stride,
                                gsize        first,
                                gsize        count);
const char *vs_test_nibabel_data_dir (void);
const char *vs_test_mricron_dir      (void);

G_END_DECLS

G_BEGIN_DECLS

/* Runs the built voxelscope with @argv (NULL-terminated, without the program name). */
int vs_test_run_voxelscope (const char *const *args,
                            char              **out_stdout,
                            char              **out_stderr);

G_END_DECLS

G_BEGIN_DECLS

/* A .npy with the given dtype descriptor, order and shape text ("(2, 3)"); @truncate bytes cut
 * from the end. */
char *vs_test_write_npy (const char *dir,
                         const char *name,
                         const char *descr,
                         gboolean    fortran,
                         const char *shape,
                         gconstpointer data,
                         gsize       bytes,
                         gsize       truncate);

G_END_DECLS
