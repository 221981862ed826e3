/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-volume"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-system-memory.h"
#include "vs-volume.h"

struct _VsVolume
{
  GObject         parent_instance;
  VsDatatype      datatype;
  gint64          dims[4];
  gsize           frame_voxels;
  gpointer        data;
  GDestroyNotify  data_free;
  double          voxel_size[3];
  const char     *unit;         /* of voxel sizes and world coordinates: "mm", "µm", … (static) */
  double          affine[16];   /* voxel → world (RAS, in unit), row-major */
  double          inverse[16];
  double          slope;
  double          intercept;
  VsVolumeIntent  intent;
  VsLabelTable   *label_table;
  char           *path;
  GMappedFile    *mapped;       /* when the voxels are a private mapping of the file */
};

G_DEFINE_FINAL_TYPE (VsVolume, vs_volume, G_TYPE_OBJECT)

static void
vs_volume_dispose (GObject *object)
{
  VsVolume *self = VS_VOLUME (object);

  g_clear_object (&self->label_table);
  G_OBJECT_CLASS (vs_volume_parent_class)->dispose (object);
}

static void
vs_volume_finalize (GObject *object)
{
  VsVolume *self = VS_VOLUME (object);

  if (self->data != NULL && self->data_free != NULL)
    self->data_free (self->data);
  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  g_free (self->path);
  G_OBJECT_CLASS (vs_volume_parent_class)->finalize (object);
}

static void
vs_volume_class_init (VsVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_volume_dispose;
  object_class->finalize = vs_volume_finalize;
}

static void
vs_volume_init (VsVolume *self)
{
  for (int i = 0; i < 4; i++)
    self->affine[i * 4 + i] = self->inverse[i * 4 + i] = 1.0;
  self->voxel_size[0] = self->voxel_size[1] = self->voxel_size[2] = 1.0;
  self->unit = "mm";
  self->slope = 1.0;
}

/* Checks that dims are positive and that the voxel count and byte size fit in 64 bits and in the
 * memory this machine has free, so a lying header is refused before anything is allocated. */
gboolean
vs_volume_check_size (VsDatatype     datatype,
                      const gint64   dims[4],
                      gsize         *out_bytes,
                      GError       **error)
{
  guint64 count = 1, bytes;
  guint64 available;

  for (int i = 0; i < 4; i++)
    {
      if (dims[i] <= 0)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "dimension %d is %" G_GINT64_FORMAT "; every dimension must be at least 1",
                       i + 1, dims[i]);
          return FALSE;
        }
      if (!g_uint64_checked_mul (&count, count, (guint64) dims[i]))
        goto overflow;
    }
  if (!g_uint64_checked_mul (&bytes, count, vs_datatype_get_size (datatype)) || bytes > G_MAXSIZE)
    goto overflow;

  available = vs_system_memory_available ();
  if (available > 0 && bytes > available)
    {
      g_autofree char *need = g_format_size (bytes);
      g_autofree char *have = g_format_size (available);
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                   " %s needs %s but only %s of memory is available",
                   dims[0], dims[1], dims[2], dims[3], vs_datatype_get_name (datatype), need, have);
      return FALSE;
    }
  if (out_bytes != NULL)
    *out_bytes = (gsize) bytes;
  return TRUE;

overflow:
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
               "%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
               " %s voxels overflow a 64-bit size",
               dims[0], dims[1], dims[2], dims[3], vs_datatype_get_name (datatype));
  return FALSE;
}

VsVolume *
vs_volume_new_take (VsDatatype     datatype,
                    const gint64   dims[4],
                    gpointer       data,
                    GDestroyNotify data_free)
{
  VsVolume *self;

  g_return_val_if_fail (dims != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (VS_TYPE_VOLUME, NULL);
  self->datatype = datatype;
  memcpy (self->dims, dims, sizeof self->dims);
  self->frame_voxels = (gsize) dims[0] * (gsize) dims[1] * (gsize) dims[2];
  self->data = data;
  self->data_free = data_free;
  self->intent = datatype == VS_DATATYPE_RGB24 ? VS_VOLUME_INTENT_RGB : VS_VOLUME_INTENT_SCALAR;
  return self;
}

/* Voxels read straight from a file mapping (@offset bytes in), without a copy: pages are read when
 * first touched, and changes stay private to this process. */
VsVolume *
vs_volume_new_mapped (VsDatatype     datatype,
                      const gint64   dims[4],
                      GMappedFile   *mapped,
                      gsize          offset)
{
  VsVolume *self = vs_volume_new_take (datatype, dims,
                                       g_mapped_file_get_contents (mapped) + offset, NULL);

  self->mapped = g_mapped_file_ref (mapped);
  return self;
}

VsVolume *
vs_volume_new (VsDatatype     datatype,
               const gint64   dims[4],
               GError       **error)
{
  gsize bytes;
  gpointer data;

  if (!vs_volume_check_size (datatype, dims, &bytes, error))
    return NULL;
  data = g_try_malloc0 (MAX (bytes, 1));
  if (data == NULL)
    {
      g_autofree char *size = g_format_size (bytes);
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "could not allocate %s for the volume", size);
      return NULL;
    }
  return vs_volume_new_take (datatype, dims, data, g_free);
}

/* A new zeroed volume of @type with @frames frames on the grid of @grid (dims, affine, voxel
 * size). */
VsVolume *
vs_volume_new_like (VsVolume    *grid,
                    VsDatatype   type,
                    gint64       frames,
                    GError     **error)
{
  gint64 dims[4];
  VsVolume *map;

  g_return_val_if_fail (VS_IS_VOLUME (grid), NULL);
  memcpy (dims, grid->dims, sizeof dims);
  dims[3] = frames;
  map = vs_volume_new (type, dims, error);
  if (map == NULL)
    return NULL;
  memcpy (map->voxel_size, grid->voxel_size, sizeof grid->voxel_size);
  map->unit = grid->unit;
  memcpy (map->affine, grid->affine, sizeof grid->affine);
  memcpy (map->inverse, grid->inverse, sizeof grid->inverse);
  return map;
}

/* A deep copy: voxels, geometry, scaling, intent, label table and path. */
VsVolume *
vs_volume_copy (VsVolume *self)
{
  gsize bytes = 0;
  VsVolume *copy;

  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  vs_volume_check_size (self->datatype, self->dims, &bytes, NULL);
  copy = vs_volume_new_take (self->datatype, self->dims, g_memdup2 (self->data, MAX (bytes, 1)),
                             g_free);
  memcpy (copy->voxel_size, self->voxel_size, sizeof self->voxel_size);
  copy->unit = self->unit;
  memcpy (copy->affine, self->affine, sizeof self->affine);
  memcpy (copy->inverse, self->inverse, sizeof self->inverse);
  copy->slope = self->slope;
  copy->intercept = self->intercept;
  copy->intent = self->intent;
  if (self->label_table != NULL)
    copy->label_table = g_object_ref (self->label_table);
  copy->path = g_strdup (self->path);
  return copy;
}

void
vs_volume_get_dims (VsVolume *self,
                    gint64    dims[4])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  memcpy (dims, self->dims, sizeof self->dims);
}

gint64
vs_volume_get_n_frames (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), 0);
  return self->dims[3];
}

gsize
vs_volume_get_frame_voxels (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), 0);
  return self->frame_voxels;
}

VsDatatype
vs_volume_get_datatype (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), VS_DATATYPE_UINT8);
  return self->datatype;
}

gconstpointer
vs_volume_get_data (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  return self->data;
}

gpointer
vs_volume_get_data_mutable (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  return self->data;
}

gconstpointer
vs_volume_get_frame_data (VsVolume *self,
                          gint64    frame)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  g_return_val_if_fail (frame >= 0 && frame < self->dims[3], NULL);
  return (const guint8 *) self->data +
         (gsize) frame * self->frame_voxels * vs_datatype_get_size (self->datatype);
}

void
vs_volume_get_voxel_size (VsVolume *self,
                          double    size[3])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  memcpy (size, self->voxel_size, sizeof self->voxel_size);
}

/* The unit of the voxel size and of world coordinates: "mm" unless the file said otherwise. */
const char *
vs_volume_get_spatial_unit (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), "mm");
  return self->unit;
}

/* Sets the unit from a name files use ("mm", "um", "µm", "micrometer", "nm", …); FALSE (and
 * unchanged) for a name it does not know. */
gboolean
vs_volume_set_spatial_unit (VsVolume   *self,
                            const char *name)
{
  static const struct { const char *name; const char *unit; } names[] = {
    { "mm", "mm" }, { "millimeter", "mm" }, { "millimetre", "mm" },
    { "um", "µm" }, { "µm", "µm" }, { "μm", "µm" }, { "micrometer", "µm" },
    { "micrometre", "µm" }, { "micron", "µm" }, { "nm", "nm" }, { "nanometer", "nm" },
    { "nanometre", "nm" }, { "m", "m" }, { "meter", "m" }, { "metre", "m" },
  };

  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0 || g_str_equal (name, names[i].name))
      {
        self->unit = names[i].unit;
        return TRUE;
      }
  return FALSE;
}

void
vs_volume_set_voxel_size (VsVolume     *self,
                          const double  size[3])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  memcpy (self->voxel_size, size, sizeof self->voxel_size);
}

void
vs_affine_multiply_point (const double m[16],
                          const double in[3],
                          double       out[3])
{
  double r[3];

  for (int row = 0; row < 3; row++)
    r[row] = m[row * 4 + 0] * in[0] + m[row * 4 + 1] * in[1] + m[row * 4 + 2] * in[2] +
             m[row * 4 + 3];
  memcpy (out, r, sizeof r);
}

/* Inverse of an affine 4×4 (last row 0 0 0 1) through its 3×3 block. */
gboolean
vs_affine_invert (const double m[16],
                  double       inverse[16])
{
  double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
  double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  double r[16] = { 0 };

  if (!isfinite (det) || fabs (det) < 1e-12)
    return FALSE;

  r[0] = (e * i - f * h) / det;  r[1] = (c * h - b * i) / det;  r[2] = (b * f - c * e) / det;
  r[4] = (f * g - d * i) / det;  r[5] = (a * i - c * g) / det;  r[6] = (c * d - a * f) / det;
  r[8] = (d * h - e * g) / det;  r[9] = (b * g - a * h) / det;  r[10] = (a * e - b * d) / det;
  for (int row = 0; row < 3; row++)
    r[row * 4 + 3] = -(r[row * 4 + 0] * m[3] + r[row * 4 + 1] * m[7] + r[row * 4 + 2] * m[11]);
  r[15] = 1.0;
  memcpy (inverse, r, sizeof r);
  return TRUE;
}

void
vs_volume_get_affine (VsVolume *self,
                      double    affine[16])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  memcpy (affine, self->affine, sizeof self->affine);
}

void
vs_volume_get_inverse_affine (VsVolume *self,
                              double    inverse[16])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  memcpy (inverse, self->inverse, sizeof self->inverse);
}

gboolean
vs_volume_set_affine (VsVolume      *self,
                      const double   affine[16],
                      GError       **error)
{
  double inverse[16];

  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  for (int i = 0; i < 16; i++)
    if (!isfinite (affine[i]))
      {
        g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                             "the voxel-to-world affine holds a NaN or infinite value");
        return FALSE;
      }
  if (!vs_affine_invert (affine, inverse))
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                           "the voxel-to-world affine is singular");
      return FALSE;
    }
  memcpy (self->affine, affine, sizeof self->affine);
  memcpy (self->inverse, inverse, sizeof self->inverse);
  return TRUE;
}

void
vs_volume_voxel_to_world (VsVolume     *self,
                          const double  ijk[3],
                          double        xyz[3])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  vs_affine_multiply_point (self->affine, ijk, xyz);
}

void
vs_volume_world_to_voxel (VsVolume     *self,
                          const double  xyz[3],
                          double        ijk[3])
{
  g_return_if_fail (VS_IS_VOLUME (self));
  vs_affine_multiply_point (self->inverse, xyz, ijk);
}

/* For each voxel axis, the world direction it increases towards (RAS+: "RAS", "LAS", …). */
void
vs_volume_get_orientation (VsVolume *self,
                           char      code[4])
{
  static const char positive[] = "RAS", negative[] = "LPI";

  g_return_if_fail (VS_IS_VOLUME (self));

  for (int axis = 0; axis < 3; axis++)
    {
      int best = 0;
      for (int row = 1; row < 3; row++)
        if (fabs (self->affine[row * 4 + axis]) > fabs (self->affine[best * 4 + axis]))
          best = row;
      code[axis] = self->affine[best * 4 + axis] >= 0 ? positive[best] : negative[best];
    }
  code[3] = '\0';
}

/* World-space bounding box of the voxel grid (outer faces of the corner voxels). */
void
vs_volume_get_world_bounds (VsVolume *self,
                            double    lo[3],
                            double    hi[3])
{
  g_return_if_fail (VS_IS_VOLUME (self));

  for (int a = 0; a < 3; a++)
    {
      lo[a] = G_MAXDOUBLE;
      hi[a] = -G_MAXDOUBLE;
    }
  for (int corner = 0; corner < 8; corner++)
    {
      double ijk[3], xyz[3];
      for (int a = 0; a < 3; a++)
        ijk[a] = (corner & (1 << a)) ? self->dims[a] - 0.5 : -0.5;
      vs_affine_multiply_point (self->affine, ijk, xyz);
      for (int a = 0; a < 3; a++)
        {
          lo[a] = MIN (lo[a], xyz[a]);
          hi[a] = MAX (hi[a], xyz[a]);
        }
    }
}

void
vs_volume_get_scaling (VsVolume *self,
                       double   *slope,
                       double   *intercept)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  *slope = self->slope;
  *intercept = self->intercept;
}

/* NIfTI's rule: a slope of 0 (or not finite) means no scaling. */
void
vs_volume_set_scaling (VsVolume *self,
                       double    slope,
                       double    intercept)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  if (slope == 0.0 || !isfinite (slope) || !isfinite (intercept))
    {
      slope = 1.0;
      intercept = 0.0;
    }
  self->slope = slope;
  self->intercept = intercept;
}

double
vs_volume_get_value (VsVolume *self,
                     gint64    i,
                     gint64    j,
                     gint64    k,
                     gint64    frame)
{
  gsize index;

  g_return_val_if_fail (VS_IS_VOLUME (self), NAN);
  g_return_val_if_fail (i >= 0 && i < self->dims[0] && j >= 0 && j < self->dims[1] &&
                        k >= 0 && k < self->dims[2] && frame >= 0 && frame < self->dims[3], NAN);

  index = (gsize) i + (gsize) self->dims[0] * ((gsize) j + (gsize) self->dims[1] *
          ((gsize) k + (gsize) self->dims[2] * (gsize) frame));
  return vs_datatype_read (self->datatype, self->data, index) * self->slope + self->intercept;
}

/* Nearest-voxel value at a world point; FALSE outside the grid. */
gboolean
vs_volume_sample_world (VsVolume     *self,
                        const double  xyz[3],
                        gint64        frame,
                        double       *value,
                        gint64        voxel[3])
{
  double ijk[3];
  gint64 v[3];

  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  vs_affine_multiply_point (self->inverse, xyz, ijk);
  for (int a = 0; a < 3; a++)
    {
      v[a] = (gint64) floor (ijk[a] + 0.5);
      if (v[a] < 0 || v[a] >= self->dims[a])
        return FALSE;
    }
  frame = CLAMP (frame, 0, self->dims[3] - 1);
  if (value != NULL)
    *value = vs_volume_get_value (self, v[0], v[1], v[2], frame);
  if (voxel != NULL)
    memcpy (voxel, v, sizeof v);
  return TRUE;
}

/* Trilinear value at a world point; FALSE outside the grid of voxel centres (half a voxel in
 * from the faces, where there are not two neighbours along every axis) — except that a point
 * within half a voxel of the border takes the border value, as nearest sampling would. */
gboolean
vs_volume_sample_trilinear (VsVolume     *self,
                            const double  xyz[3],
                            gint64        frame,
                            double       *value)
{
  double ijk[3], f[3], sum = 0;
  gint64 base[3];

  g_return_val_if_fail (VS_IS_VOLUME (self), FALSE);

  vs_affine_multiply_point (self->inverse, xyz, ijk);
  for (int a = 0; a < 3; a++)
    {
      if (ijk[a] < -0.5 || ijk[a] > self->dims[a] - 0.5)
        return FALSE;
      ijk[a] = CLAMP (ijk[a], 0.0, (double) (self->dims[a] - 1));
      base[a] = MIN ((gint64) floor (ijk[a]), MAX (self->dims[a] - 2, 0));
      f[a] = self->dims[a] > 1 ? ijk[a] - base[a] : 0.0;
    }
  frame = CLAMP (frame, 0, self->dims[3] - 1);
  for (int corner = 0; corner < 8; corner++)
    {
      double w = 1;
      gint64 v[3];
      for (int a = 0; a < 3; a++)
        {
          int bit = (corner >> a) & 1;
          v[a] = MIN (base[a] + bit, self->dims[a] - 1);
          w *= bit ? f[a] : 1 - f[a];
        }
      if (w != 0)
        sum += w * vs_volume_get_value (self, v[0], v[1], v[2], frame);
    }
  *value = sum;
  return TRUE;
}

VsVolumeIntent
vs_volume_get_intent (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), VS_VOLUME_INTENT_SCALAR);
  return self->intent;
}

void
vs_volume_set_intent (VsVolume       *self,
                      VsVolumeIntent  intent)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  self->intent = intent;
}

VsLabelTable *
vs_volume_get_label_table (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  return self->label_table;
}

/* A label table makes an integer volume a label volume. */
void
vs_volume_set_label_table (VsVolume     *self,
                           VsLabelTable *table)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_set_object (&self->label_table, table);
  if (table != NULL && vs_datatype_is_integer (self->datatype))
    self->intent = VS_VOLUME_INTENT_LABEL;
}

const char *
vs_volume_get_path (VsVolume *self)
{
  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  return self->path;
}

void
vs_volume_set_path (VsVolume   *self,
                    const char *path)
{
  g_return_if_fail (VS_IS_VOLUME (self));
  g_free (self->path);
  self->path = g_strdup (path);
}

/* "ch2" for "/usr/share/…/ch2.nii.gz". */
char *
vs_volume_dup_display_name (VsVolume *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (VS_IS_VOLUME (self), NULL);
  if (self->path == NULL)
    return g_strdup ("volume");
  base = g_path_get_basename (self->path);
  for (const char *suffix = ".gz"; suffix != NULL; suffix = NULL)
    if (g_str_has_suffix (base, suffix))
      base[strlen (base) - strlen (suffix)] = '\0';
  if (g_str_has_suffix (base, ".nii") || g_str_has_suffix (base, ".hdr") ||
      g_str_has_suffix (base, ".img"))
    base[strlen (base) - 4] = '\0';
  return g_steal_pointer (&base);
}
