/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-nifti-reader"

#include "config.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "vs-analysis-error.h"
#include "vs-nifti-reader.h"

/* nifti headers last: nifti1.h defines DT_UNKNOWN, which collides with <dirent.h>. */
#include <nifti2_io.h>

/* NIfTI-1/2 and Analyze 7.5 through nifti_clib.  We check the raw header ourselves first, because
 * nifti_clib answers a bad file with NULL and a line on stderr, and a person needs to know what is
 * wrong.  The data is then read in chunks with zlib, so a large .nii.gz reports progress, can be
 * cancelled, and a short file is named as truncated rather than read as garbage. */

#define HEADER_MAX 540
#define CHUNK_BYTES (8u << 20)

typedef struct {
  int        version;     /* 0 = Analyze, 1, 2 */
  gboolean   swapped;
  int        datatype;
  gint64     dim[8];
} RawHeader;

static gint16
read_i16 (const guint8 *p, gboolean swapped)
{
  gint16 v;
  memcpy (&v, p, 2);
  return swapped ? (gint16) GUINT16_SWAP_LE_BE ((guint16) v) : v;
}

static gint32
read_i32 (const guint8 *p, gboolean swapped)
{
  gint32 v;
  memcpy (&v, p, 4);
  return swapped ? (gint32) GUINT32_SWAP_LE_BE ((guint32) v) : v;
}

static gint64
read_i64 (const guint8 *p, gboolean swapped)
{
  gint64 v;
  memcpy (&v, p, 8);
  return swapped ? (gint64) GUINT64_SWAP_LE_BE ((guint64) v) : v;
}

/* Path of the file holding the header: "x.img" → "x.hdr". */
static char *
header_path_for (const char *path)
{
  g_autofree char *stem = NULL;

  if (g_str_has_suffix (path, ".img"))
    {
      stem = g_strndup (path, strlen (path) - 4);
      return g_strconcat (stem, ".hdr", NULL);
    }
  if (g_str_has_suffix (path, ".img.gz"))
    {
      stem = g_strndup (path, strlen (path) - 7);
      return g_strconcat (stem, ".hdr.gz", NULL);
    }
  return g_strdup (path);
}

static gboolean
parse_raw_header (const char    *display,
                  const guint8  *bytes,
                  gsize          n_bytes,
                  RawHeader     *header,
                  GError       **error)
{
  gint32 size_le;

  memset (header, 0, sizeof *header);
  if (n_bytes < 348)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a NIfTI file (only %" G_GSIZE_FORMAT " bytes, a header needs 348)",
                   display, n_bytes);
      return FALSE;
    }

  memcpy (&size_le, bytes, 4);
  if (size_le == 348 || GUINT32_SWAP_LE_BE ((guint32) size_le) == 348)
    {
      header->swapped = size_le != 348;
      header->version = memcmp (bytes + 344, "n+1", 4) == 0 ||
                        memcmp (bytes + 344, "ni1", 4) == 0 ? 1 : 0;
      header->datatype = read_i16 (bytes + 70, header->swapped);
      for (int i = 0; i < 8; i++)
        header->dim[i] = read_i16 (bytes + 40 + 2 * i, header->swapped);
      /* Without the magic string nifti_clib would take it for ANALYZE 7.5, whose header and
       * data are two files (.hdr, .img); a single .nii without it is something else. */
      if (header->version == 0 &&
          (g_str_has_suffix (display, ".nii") || g_str_has_suffix (display, ".nii.gz")))
        {
          char raw_magic[5] = { 0 };
          g_autofree char *magic = NULL;
          memcpy (raw_magic, bytes + 344, 4);
          magic = g_strescape (raw_magic, NULL);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: not a NIfTI file (the magic string is “%.8s”, expected “n+1”)",
                       display, magic);
          return FALSE;
        }
    }
  else if (size_le == 540 || GUINT32_SWAP_LE_BE ((guint32) size_le) == 540)
    {
      if (n_bytes < 540)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                       "%s: the NIfTI-2 header is cut short at %" G_GSIZE_FORMAT " of 540 bytes",
                       display, n_bytes);
          return FALSE;
        }
      header->swapped = size_le != 540;
      header->version = 2;
      if (memcmp (bytes + 4, "n+2", 3) != 0 && memcmp (bytes + 4, "ni2", 3) != 0)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: header size says NIfTI-2 but the magic string is missing", display);
          return FALSE;
        }
      header->datatype = read_i16 (bytes + 12, header->swapped);
      for (int i = 0; i < 8; i++)
        header->dim[i] = read_i64 (bytes + 16 + 8 * i, header->swapped);
    }
  else
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a NIfTI file (the header size field is %d, expected 348 or 540)",
                   display, read_i32 (bytes, FALSE));
      return FALSE;
    }

  if (header->dim[0] < 1 || header->dim[0] > 7)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: the header gives %" G_GINT64_FORMAT " dimensions; NIfTI allows 1 to 7",
                   display, header->dim[0]);
      return FALSE;
    }
  for (int i = 1; i <= header->dim[0]; i++)
    if (header->dim[i] < 1)
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                     "%s: dimension %d is %" G_GINT64_FORMAT "; every dimension must be at least 1",
                     display, i, header->dim[i]);
        return FALSE;
      }
  return TRUE;
}

/* Uncompressed volumes at least this large are memory-mapped instead of read. */
#define MAP_THRESHOLD (4u << 20)

/* Large volumes go in transparent huge pages where the kernel allows it: a 500 MB volume then
 * takes a few hundred page faults instead of 128,000, which is a tenth of its load time. */
static gpointer
allocate_data (gsize bytes)
{
  const gsize huge = 2u << 20;
  void *data = NULL;

  if (bytes < 32 * huge)
    return g_try_malloc (MAX (bytes, 1));
  if (posix_memalign (&data, huge, (bytes + huge - 1) / huge * huge) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  madvise (data, (bytes + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
  return data;
}

static gboolean
read_raw_header (const char  *path,
                 const char  *display,
                 RawHeader   *header,
                 GError     **error)
{
  guint8 bytes[HEADER_MAX];
  gzFile file;
  int n;

  file = gzopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                   display, g_strerror (saved));
      return FALSE;
    }
  n = gzread (file, bytes, sizeof bytes);
  if (n < 0)
    {
      int errnum;
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: the gzip stream is damaged (%s)", display, gzerror (file, &errnum));
      gzclose (file);
      return FALSE;
    }
  gzclose (file);
  return parse_raw_header (display, bytes, (gsize) n, header, error);
}

static void
volume_dims_from_header (const gint64 dim[8],
                         gint64       dims[4])
{
  dims[0] = dims[1] = dims[2] = dims[3] = 1;
  for (int i = 1; i <= dim[0] && i <= 3; i++)
    dims[i - 1] = dim[i];
  /* Dimensions 4 to 7 are flattened into frames; a product that overflows (a lying header) is
   * made negative so the size check refuses it. */
  for (int i = 4; i <= dim[0]; i++)
    {
      guint64 product;
      if (dim[i] < 0 || dims[3] < 0 ||
          !g_uint64_checked_mul (&product, (guint64) dims[3], (guint64) dim[i]) ||
          product > G_MAXINT64)
        {
          dims[3] = -1;
          break;
        }
      dims[3] = (gint64) product;
    }
}

static gboolean
read_data (nifti_image   *nim,
           const char    *display,
           const char    *dims_text,
           guint8        *data,
           gsize          total,
           VsProgress    *progress,
           GCancellable  *cancellable,
           GError       **error)
{
  gzFile file;
  gsize done = 0;
  gboolean swap = nim->byteorder != nifti_short_order () && nim->swapsize > 1;

  file = gzopen (nim->iname, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                   nim->iname, g_strerror (saved));
      return FALSE;
    }
  gzbuffer (file, 1u << 20);
  if (nim->iname_offset > 0 && gzseek (file, (z_off_t) nim->iname_offset, SEEK_SET) < 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                   "%s: the file ends before the data offset %" G_GINT64_FORMAT,
                   display, nim->iname_offset);
      gzclose (file);
      return FALSE;
    }

  while (done < total)
    {
      unsigned want = (unsigned) MIN (total - done, CHUNK_BYTES);
      int got;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          gzclose (file);
          return FALSE;
        }
      got = gzread (file, data + done, want);
      if (got < 0)
        {
          g_autofree char *have = g_format_size (done);
          int errnum;
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: the gzip stream is damaged after %s (%s)", display,
                       have, gzerror (file, &errnum));
          gzclose (file);
          return FALSE;
        }
      if (got == 0)
        {
          g_autofree char *have = g_format_size (done);
          g_autofree char *need = g_format_size (total);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                       "%s: header says %s but the data ends after %s of %s",
                       display, dims_text, have, need);
          gzclose (file);
          return FALSE;
        }
      if (swap)
        {
          /* Chunks are multiples of the swap size because CHUNK_BYTES is; a short read is not. */
          gsize aligned_end = (done + (gsize) got) / nim->swapsize * nim->swapsize;
          gsize aligned_start = done / nim->swapsize * nim->swapsize;
          if (aligned_end > aligned_start)
            nifti_swap_Nbytes ((aligned_end - aligned_start) / nim->swapsize, nim->swapsize,
                               data + aligned_start);
        }
      done += (gsize) got;
      vs_progress_update (progress, (double) done / (double) total);
    }
  gzclose (file);
  return TRUE;
}

static void
choose_affine (nifti_image *nim,
               double       affine[16])
{
  memset (affine, 0, 16 * sizeof (double));
  if (nim->sform_code > 0)
    {
      for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
          affine[r * 4 + c] = nim->sto_xyz.m[r][c];
    }
  else if (nim->qform_code > 0)
    {
      for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
          affine[r * 4 + c] = nim->qto_xyz.m[r][c];
    }
  else
    {
      /* Neither form: scale by the voxel size, origin at voxel 0 (DESIGN.md's policy). */
      affine[0] = nim->dx > 0 ? nim->dx : 1.0;
      affine[5] = nim->dy > 0 ? nim->dy : 1.0;
      affine[10] = nim->dz > 0 ? nim->dz : 1.0;
    }
  affine[12] = affine[13] = affine[14] = 0.0;
  affine[15] = 1.0;
}

static VsVolumeIntent
intent_from_nifti (int intent_code)
{
  if (intent_code == NIFTI_INTENT_LABEL || intent_code == NIFTI_INTENT_NEURONAME)
    return VS_VOLUME_INTENT_LABEL;
  if (intent_code >= NIFTI_FIRST_STATCODE && intent_code <= NIFTI_LAST_STATCODE)
    return VS_VOLUME_INTENT_STATISTIC;
  return VS_VOLUME_INTENT_SCALAR;
}

/* A floating-point volume holding nothing but NaN and infinities is no image: the scan stops
 * at the first finite voxel, so a real image costs a few reads. */
static gboolean
has_finite_value (VsVolume *volume)
{
  VsDatatype type = vs_volume_get_datatype (volume);
  gsize n = vs_volume_get_frame_voxels (volume) * (gsize) vs_volume_get_n_frames (volume);
  gconstpointer data = vs_volume_get_data (volume);

  if (type != VS_DATATYPE_FLOAT32 && type != VS_DATATYPE_FLOAT64)
    return TRUE;
  for (gsize i = 0; i < n; i++)
    if (isfinite (type == VS_DATATYPE_FLOAT32 ? ((const float *) data)[i]
                                              : ((const double *) data)[i]))
      return TRUE;
  return FALSE;
}

VsVolume *
vs_nifti_read (const char    *path,
               VsProgress    *progress,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *display = NULL;
  g_autofree char *header_path = NULL;
  g_autofree char *dims_text = NULL;
  g_autofree char *frames_text = NULL;
  g_autoptr(VsVolume) volume = NULL;
  RawHeader raw;
  VsDatatype datatype;
  gint64 dims[4];
  gsize bytes;
  nifti_image *nim;
  guint8 *data;
  double affine[16], voxel_size[3];

  g_return_val_if_fail (path != NULL, NULL);

  display = g_path_get_basename (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no such file", display);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "%s: is a folder, not a NIfTI file", display);
      return NULL;
    }

  header_path = header_path_for (path);
  if (!read_raw_header (header_path, display, &raw, error))
    return NULL;
  if (!vs_datatype_from_nifti (raw.datatype, &datatype))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: datatype code %d is not supported", display, raw.datatype);
      return NULL;
    }
  volume_dims_from_header (raw.dim, dims);
  if (!vs_volume_check_size (datatype, dims, &bytes, error))
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  frames_text = dims[3] > 1 ? g_strdup_printf ("×%" G_GINT64_FORMAT, dims[3]) : g_strdup ("");
  dims_text = g_strdup_printf ("%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                               "%s %s", dims[0], dims[1], dims[2], frames_text,
                               vs_datatype_get_name (datatype));

  nifti_set_debug_level (0);
  nim = nifti_image_read (header_path, 0);
  if (nim == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: nifti_clib rejected the header as inconsistent", display);
      return NULL;
    }
  if ((gsize) nim->nbyper != vs_datatype_get_size (datatype))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: the header's bytes per voxel (%d) do not match its datatype %s",
                   display, nim->nbyper, vs_datatype_get_name (datatype));
      nifti_image_free (nim);
      return NULL;
    }

  /* A gzip file cannot hold more than deflate's best ratio (1032:1) allows: a 10 kB .nii.gz whose
   * header asks for gigabytes is refused before allocating them. */
  if (nim->iname != NULL && g_str_has_suffix (nim->iname, ".gz"))
    {
      GStatBuf st;
      if (g_stat (nim->iname, &st) == 0 &&
          (guint64) MAX (nim->iname_offset, 0) + bytes > (guint64) st.st_size * 1032 + (1u << 20))
        {
          g_autofree char *have = g_format_size ((guint64) st.st_size);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                       "%s: the header says %s, more than %s of gzip data can hold", display,
                       dims_text, have);
          nifti_image_free (nim);
          return NULL;
        }
    }
  /* An uncompressed file must hold the data its header announces: checked before allocating, so
   * a 352-byte file cannot ask for gigabytes. */
  if (nim->iname != NULL && !g_str_has_suffix (nim->iname, ".gz"))
    {
      GStatBuf st;
      if (g_stat (nim->iname, &st) == 0 &&
          (guint64) st.st_size < (guint64) MAX (nim->iname_offset, 0) + bytes)
        {
          guint64 offset = (guint64) MAX (nim->iname_offset, 0);
          g_autofree char *have = g_format_size ((guint64) st.st_size > offset
                                                 ? (guint64) st.st_size - offset : 0);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TRUNCATED,
                       "%s: the header says %s but the data ends after %s", display, dims_text,
                       have);
          nifti_image_free (nim);
          return NULL;
        }
    }
  /* Uncompressed, little-endian, aligned and large: mapped, not read (pages load on first use). */
  if (nim->iname != NULL && !g_str_has_suffix (nim->iname, ".gz") && !raw.swapped &&
      G_BYTE_ORDER == G_LITTLE_ENDIAN && bytes >= MAP_THRESHOLD && nim->iname_offset >= 0 &&
      nim->iname_offset % (gint64) MAX (vs_datatype_get_size (datatype), 1) == 0)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (nim->iname, TRUE, NULL);
      if (mapped != NULL && g_mapped_file_get_length (mapped) >= (gsize) nim->iname_offset + bytes)
        {
          volume = vs_volume_new_mapped (datatype, dims, mapped, (gsize) nim->iname_offset);
          vs_progress_update (progress, 1.0);
        }
    }
  if (volume == NULL)
    {
      data = allocate_data (bytes);
      if (data == NULL)
        {
          g_autofree char *size = g_format_size (bytes);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                       "%s: could not allocate %s for the data", display, size);
          nifti_image_free (nim);
          return NULL;
        }
      if (!read_data (nim, display, dims_text, data, bytes, progress, cancellable, error))
        {
          free (data);
          nifti_image_free (nim);
          return NULL;
        }
      volume = vs_volume_new_take (datatype, dims, data, free);
    }
  if (!has_finite_value (volume))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: every voxel is NaN or infinite", display);
      nifti_image_free (nim);
      return NULL;
    }
  choose_affine (nim, affine);
  if (!vs_volume_set_affine (volume, affine, error))
    {
      g_prefix_error (error, "%s: ", display);
      nifti_image_free (nim);
      return NULL;
    }
  voxel_size[0] = fabs (nim->dx) > 0 ? fabs (nim->dx) : 1.0;
  voxel_size[1] = fabs (nim->dy) > 0 ? fabs (nim->dy) : 1.0;
  voxel_size[2] = fabs (nim->dz) > 0 ? fabs (nim->dz) : 1.0;
  vs_volume_set_voxel_size (volume, voxel_size);
  vs_volume_set_spatial_unit (volume, nim->xyz_units == NIFTI_UNITS_MICRON ? "µm" :
                                      nim->xyz_units == NIFTI_UNITS_METER ? "m" : "mm");
  vs_volume_set_scaling (volume, nim->scl_slope, nim->scl_inter);
  if (datatype != VS_DATATYPE_RGB24)
    vs_volume_set_intent (volume, intent_from_nifti (nim->intent_code));
  vs_volume_set_path (volume, path);
  nifti_image_free (nim);

  return g_steal_pointer (&volume);
}
