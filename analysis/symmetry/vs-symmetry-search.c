/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-symmetry-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-symmetry-search.h"
#include "vs-volume.h"
#include "vs-thread-handoff.h"
#include "vs-otsu.h"

/* The mirror plane of a head: the plane n·x = d whose reflection x ↦ x − 2(n·x − d)n maps the
 * image onto itself best, scored by the normalised correlation of the image and its reflection
 * over the head mask (Otsu threshold).  Coarse to fine on an image pyramid (2×2×2 block means):
 * starting normals are the mask's principal axes and the image's first axis; on the coarsest level
 * a grid over the tilt (± max_tilt) and the offset from the mask's centroid picks the start, then
 * a compass search refines it on every finer level down to the full resolution, with steps
 * shrinking to 0.005° and 0.005 mm.  In 2D the same with the normal kept in the image plane. */

#define COARSE_SIZE 48        /* the coarsest level's largest dimension, about */
#define MAX_POINTS 60000      /* mask points scored per level, at most */
#define COARSE_POINTS 4000    /* on the coarsest level's grid search */
#define COARSE_TILT_STEP 7.5  /* degrees */
#define COARSE_OFFSETS 6      /* offsets tried either side of the centroid, half a voxel apart */
#define FINAL_ANGLE_STEP 0.005
#define FINAL_OFFSET_STEP 0.005

typedef struct {
  float  *data;
  guint8 *mask;
  gint64  dims[3];
  double  affine[16];
  double  inverse[16];
  double  voxel_mm;           /* mean voxel edge in world units */
} Level;

typedef struct {
  float *xyz;                 /* world coordinates of the points, 3 per point */
  float *value;
  gsize  n;
} Points;

static void
level_clear (Level *level)
{
  g_free (level->data);
  g_free (level->mask);
}

static double
edge_length (const double affine[16], int axis)
{
  return sqrt (affine[axis] * affine[axis] + affine[4 + axis] * affine[4 + axis] +
               affine[8 + axis] * affine[8 + axis]);
}

guint8 *
vs_symmetry_mask (const VsSymmetryImage *image,
                  float                 *threshold)
{
  gsize n = (gsize) (image->dims[0] * image->dims[1] * image->dims[2]);
  guint8 *mask = g_new (guint8, n);
  float t = isnan (image->threshold) ? vs_otsu_threshold (image->data, n) : (float) image->threshold;

  for (gsize i = 0; i < n; i++)
    mask[i] = image->data[i] > t;
  if (threshold != NULL)
    *threshold = t;
  return mask;
}

/* Level k + 1 from level k: means of 2×2×2 blocks (2×2 in 2D), the mask where most of a block is
 * in the mask. */
static void
level_halve (const Level *in, Level *out, gboolean planar)
{
  int fz = planar ? 1 : 2;
  double scale[16] = { 2, 0, 0, 0.5, 0, 2, 0, 0.5, 0, 0, fz, fz == 2 ? 0.5 : 0, 0, 0, 0, 1 };

  for (int a = 0; a < 3; a++)
    out->dims[a] = MAX ((in->dims[a] + (a == 2 ? fz : 2) - 1) / (a == 2 ? fz : 2), 1);
  out->data = g_new0 (float, out->dims[0] * out->dims[1] * out->dims[2]);
  out->mask = g_new0 (guint8, out->dims[0] * out->dims[1] * out->dims[2]);
  for (gint64 k = 0; k < out->dims[2]; k++)
    for (gint64 j = 0; j < out->dims[1]; j++)
      for (gint64 i = 0; i < out->dims[0]; i++)
        {
          double sum = 0;
          int count = 0, inside = 0;
          for (int dz = 0; dz < fz; dz++)
            for (int dy = 0; dy < 2; dy++)
              for (int dx = 0; dx < 2; dx++)
                {
                  gint64 x = 2 * i + dx, y = 2 * j + dy, z = fz * k + dz;
                  gsize at;
                  if (x >= in->dims[0] || y >= in->dims[1] || z >= in->dims[2])
                    continue;
                  at = (gsize) (x + in->dims[0] * (y + in->dims[1] * z));
                  sum += in->data[at];
                  inside += in->mask[at];
                  count++;
                }
          out->data[i + out->dims[0] * (j + out->dims[1] * k)] = (float) (sum / count);
          out->mask[i + out->dims[0] * (j + out->dims[1] * k)] = 2 * inside >= count;
        }
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++)
      {
        double v = 0;
        for (int m = 0; m < 4; m++)
          v += in->affine[r * 4 + m] * scale[m * 4 + c];
        out->affine[r * 4 + c] = v;
      }
  vs_affine_invert (out->affine, out->inverse);
  out->voxel_mm = (edge_length (out->affine, 0) + edge_length (out->affine, 1) +
                   (planar ? edge_length (out->affine, 0) : edge_length (out->affine, 2))) / 3;
}

/* Mask voxels of @level, evenly thinned to at most @max_points. */
static void
points_collect (const Level *level, gsize max_points, Points *points)
{
  gsize total = (gsize) (level->dims[0] * level->dims[1] * level->dims[2]), in_mask = 0, kept = 0;
  gsize stride;

  for (gsize i = 0; i < total; i++)
    in_mask += level->mask[i];
  stride = MAX ((in_mask + max_points - 1) / max_points, 1);
  points->xyz = g_new (float, 3 * (in_mask / stride + 1));
  points->value = g_new (float, in_mask / stride + 1);
  for (gsize i = 0, seen = 0; i < total; i++)
    {
      double ijk[3], xyz[3];
      if (!level->mask[i] || seen++ % stride != 0)
        continue;
      ijk[0] = (double) (i % level->dims[0]);
      ijk[1] = (double) ((i / level->dims[0]) % level->dims[1]);
      ijk[2] = (double) (i / (level->dims[0] * level->dims[1]));
      vs_affine_multiply_point (level->affine, ijk, xyz);
      for (int a = 0; a < 3; a++)
        points->xyz[3 * kept + a] = (float) xyz[a];
      points->value[kept++] = level->data[i];
    }
  points->n = kept;
}

static void
points_clear (Points *points)
{
  g_free (points->xyz);
  g_free (points->value);
}

static gboolean
sample (const Level *level, const double xyz[3], double *value)
{
  const double *m = level->inverse;
  double x = m[0] * xyz[0] + m[1] * xyz[1] + m[2] * xyz[2] + m[3];
  double y = m[4] * xyz[0] + m[5] * xyz[1] + m[6] * xyz[2] + m[7];
  double z = m[8] * xyz[0] + m[9] * xyz[1] + m[10] * xyz[2] + m[11];
  gint64 nx = level->dims[0], ny = level->dims[1], nz = level->dims[2], i, j, k;
  double fx, fy, fz;
  const float *p;

  if (x < 0 || y < 0 || x > nx - 1 || y > ny - 1)
    return FALSE;
  i = MIN ((gint64) x, nx - 2);
  j = MIN ((gint64) y, ny - 2);
  fx = x - i;
  fy = y - j;
  if (nz == 1)
    {
      if (fabs (z) > 0.5)
        return FALSE;
      p = level->data + i + nx * j;
      *value = (1 - fy) * ((1 - fx) * p[0] + fx * p[1]) + fy * ((1 - fx) * p[nx] + fx * p[nx + 1]);
      return TRUE;
    }
  if (z < 0 || z > nz - 1)
    return FALSE;
  k = MIN ((gint64) z, nz - 2);
  fz = z - k;
  p = level->data + i + nx * (j + ny * k);
  {
    gint64 sy = nx, sz = nx * ny;
    double c00 = (1 - fx) * p[0] + fx * p[1];
    double c10 = (1 - fx) * p[sy] + fx * p[sy + 1];
    double c01 = (1 - fx) * p[sz] + fx * p[sz + 1];
    double c11 = (1 - fx) * p[sz + sy] + fx * p[sz + sy + 1];
    *value = (1 - fz) * ((1 - fy) * c00 + fy * c10) + fz * ((1 - fy) * c01 + fy * c11);
  }
  return TRUE;
}

/* Sums for the normalised correlation of points [first, last) with their reflections. */
typedef struct {
  const Level  *level;
  const Points *points;
  const double *n;
  double        d;
  gsize         first, last;
  double        sa, sb, saa, sbb, sab, count;
} Sums;

static gpointer
sums_compute (gpointer data)
{
  Sums *s = data;
  const double *n = s->n;

  for (gsize i = s->first; i < s->last; i++)
    {
      const float *p = s->points->xyz + 3 * i;
      double t = 2 * (n[0] * p[0] + n[1] * p[1] + n[2] * p[2] - s->d), q[3], b;
      double a = s->points->value[i];
      q[0] = p[0] - t * n[0];
      q[1] = p[1] - t * n[1];
      q[2] = p[2] - t * n[2];
      if (!sample (s->level, q, &b))
        continue;
      s->sa += a;
      s->sb += b;
      s->saa += a * a;
      s->sbb += b * b;
      s->sab += a * b;
      s->count++;
    }
  return NULL;
}

/* Normalised correlation of the points' values with the image at their reflections; large point
 * sets are split over two threads (the machines this runs on have two cores or more). */
static double
score (const Level *level, const Points *points, const double n[3], double d)
{
  Sums halves[2] = { { level, points, n, d, 0, points->n, 0, 0, 0, 0, 0, 0 },
                     { level, points, n, d, points->n, points->n, 0, 0, 0, 0, 0, 0 } };
  double sa, sb, saa, sbb, sab, count;

  /* The same halves on any machine, so the result does not depend on the number of cores. */
  if (points->n > 16000)
    {
      halves[0].last = halves[1].first = points->n / 2;
      if (g_get_num_processors () > 1)
        {
          GThread *helper = g_thread_new ("vs-symmetry", sums_compute, &halves[1]);
          sums_compute (&halves[0]);
          g_thread_join (helper);
        }
      else
        {
          sums_compute (&halves[0]);
          sums_compute (&halves[1]);
        }
    }
  else
    sums_compute (&halves[0]);
  sa = halves[0].sa + halves[1].sa;
  sb = halves[0].sb + halves[1].sb;
  saa = halves[0].saa + halves[1].saa;
  sbb = halves[0].sbb + halves[1].sbb;
  sab = halves[0].sab + halves[1].sab;
  count = halves[0].count + halves[1].count;
  if (count < 10)
    return -1;
  {
    double va = saa - sa * sa / count, vb = sbb - sb * sb / count, cab = sab - sa * sb / count;
    /* Reflections that fall mostly outside the image score less. */
    return va > 0 && vb > 0 ? cab / sqrt (va * vb) * (count / points->n) : -1;
  }
}

/* The search's coordinates: a normal from two tilts about a start (3D; one tilt in 2D) and an
 * offset along it from the centroid. */
typedef struct {
  double n0[3], u[3], v[3];
  double centroid[3];
  gboolean planar;
} Frame;

static void
frame_normal (const Frame *frame, double tilt_u, double tilt_v, double n[3])
{
  double tu = tan (tilt_u * G_PI / 180), tv = frame->planar ? 0 : tan (tilt_v * G_PI / 180);
  double len = 0;

  for (int a = 0; a < 3; a++)
    {
      n[a] = frame->n0[a] + tu * frame->u[a] + tv * frame->v[a];
      len += n[a] * n[a];
    }
  for (int a = 0; a < 3; a++)
    n[a] /= sqrt (len);
}

static double
frame_score (const Frame *frame, const Level *level, const Points *points, const double x[3])
{
  double n[3];

  frame_normal (frame, x[0], x[1], n);
  return score (level, points, n, n[0] * frame->centroid[0] + n[1] * frame->centroid[1] +
                                  n[2] * frame->centroid[2] + x[2]);
}

/* The coarse grid over tilts and offsets about one starting normal. */
typedef struct {
  const Level  *level;
  const Points *points;
  Frame         frame;
  double        tilt;
  double        reach;
  double        offset_step;
  double        best;
  double        best_x[3];
} Grid;

static void
grid_search (Grid *g)
{
  for (double tu = -g->tilt; tu <= g->tilt + 1e-9; tu += COARSE_TILT_STEP)
    for (double tv = g->frame.planar ? 0 : -g->tilt; tv <= (g->frame.planar ? 0 : g->tilt) + 1e-9;
         tv += COARSE_TILT_STEP)
      for (double s = -g->reach; s <= g->reach + 1e-9; s += g->offset_step)
        {
          double trial[3] = { tu, tv, s };
          double value = frame_score (&g->frame, g->level, g->points, trial);
          if (value > g->best)
            {
              g->best = value;
              memcpy (g->best_x, trial, sizeof trial);
            }
        }
}

/* The odd-numbered candidates of an array of (up to 4) grids, in a helper thread. */
static gpointer
grid_search_odd (gpointer data)
{
  Grid *grids = data;
  guint n = 0;

  while (n < 4 && grids[n].level != NULL)
    n++;
  for (guint c = 1; c < n; c += 2)
    grid_search (&grids[c]);
  return NULL;
}

static void
cross (const double a[3], const double b[3], double out[3])
{
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

static void
normalise (double v[3])
{
  double len = sqrt (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);

  for (int a = 0; a < 3; a++)
    v[a] /= len;
}

/* A frame about @n0: u, v perpendicular to it (u in the image plane for 2D). */
static void
frame_init (Frame *frame, const double n0[3], const double plane_normal[3], gboolean planar,
            const double centroid[3])
{
  double helper[3] = { 0, 0, 1 };

  memcpy (frame->n0, n0, sizeof frame->n0);
  normalise (frame->n0);
  memcpy (frame->centroid, centroid, sizeof frame->centroid);
  frame->planar = planar;
  if (planar)
    cross (plane_normal, frame->n0, frame->u);
  else
    {
      if (fabs (frame->n0[2]) > 0.9)
        helper[0] = 1, helper[2] = 0;
      cross (frame->n0, helper, frame->u);
    }
  normalise (frame->u);
  cross (frame->n0, frame->u, frame->v);
  normalise (frame->v);
}

/* Principal axes of the mask points (world), as candidate normals; in 2D the two in-plane ones. */
static guint
principal_axes (const Points *points, const double centroid[3], gboolean planar,
                const double plane_normal[3], double axes[3][3])
{
  double c[9] = { 0 }, w[3];
  guint n = 0;

  for (gsize i = 0; i < points->n; i++)
    for (int r = 0; r < 3; r++)
      for (int s = 0; s < 3; s++)
        c[r * 3 + s] += (points->xyz[3 * i + r] - centroid[r]) *
                        (points->xyz[3 * i + s] - centroid[s]);
  /* Jacobi rotations: a 3×3 symmetric matrix needs only a few sweeps. */
  {
    double v[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
    for (int sweep = 0; sweep < 30; sweep++)
      for (int p = 0; p < 2; p++)
        for (int q = p + 1; q < 3; q++)
          {
            double apq = c[p * 3 + q], theta, t, cs, sn;
            if (fabs (apq) < 1e-12 * (fabs (c[0]) + fabs (c[4]) + fabs (c[8]) + 1e-300))
              continue;
            theta = (c[q * 3 + q] - c[p * 3 + p]) / (2 * apq);
            t = (theta >= 0 ? 1 : -1) / (fabs (theta) + sqrt (theta * theta + 1));
            cs = 1 / sqrt (t * t + 1);
            sn = t * cs;
            for (int k = 0; k < 3; k++)
              {
                double akp = c[k * 3 + p], akq = c[k * 3 + q];
                c[k * 3 + p] = cs * akp - sn * akq;
                c[k * 3 + q] = sn * akp + cs * akq;
              }
            for (int k = 0; k < 3; k++)
              {
                double apk = c[p * 3 + k], aqk = c[q * 3 + k];
                c[p * 3 + k] = cs * apk - sn * aqk;
                c[q * 3 + k] = sn * apk + cs * aqk;
              }
            for (int k = 0; k < 3; k++)
              {
                double vkp = v[k * 3 + p], vkq = v[k * 3 + q];
                v[k * 3 + p] = cs * vkp - sn * vkq;
                v[k * 3 + q] = sn * vkp + cs * vkq;
              }
          }
    for (int k = 0; k < 3; k++)
      {
        double axis[3] = { v[k], v[3 + k], v[6 + k] };
        w[k] = c[k * 3 + k];
        /* In 2D only axes in the image plane are candidates. */
        if (planar && fabs (axis[0] * plane_normal[0] + axis[1] * plane_normal[1] +
                            axis[2] * plane_normal[2]) > 0.5)
          continue;
        memcpy (axes[n++], axis, sizeof axis);
      }
  }
  (void) w;
  return n;
}

/* Compass search from @x with steps @step (tilts in degrees, offset in mm), halving them until
 * they are below @final. */
static double
refine (const Frame *frame, const Level *level, const Points *points, double x[3],
        double step[3], const double final[3])
{
  double best = frame_score (frame, level, points, x);

  while (step[0] > final[0] || step[2] > final[2])
    {
      gboolean moved = FALSE;
      for (int p = 0; p < 3; p++)
        {
          if (p == 1 && frame->planar)
            continue;
          for (int sign = -1; sign <= 1; sign += 2)
            {
              double trial[3] = { x[0], x[1], x[2] }, s;
              trial[p] += sign * step[p];
              s = frame_score (frame, level, points, trial);
              if (s > best)
                {
                  best = s;
                  memcpy (x, trial, sizeof trial);
                  moved = TRUE;
                  break;
                }
            }
        }
      if (!moved)
        for (int p = 0; p < 3; p++)
          step[p] /= 2;
    }
  return best;
}

double
vs_symmetry_score (const VsSymmetryImage *image,
                   const double           normal[3],
                   double                 offset)
{
  Level level = { 0 };
  Points points = { 0 };
  gsize n = (gsize) (image->dims[0] * image->dims[1] * image->dims[2]);
  double s;

  memcpy (level.dims, image->dims, sizeof level.dims);
  level.data = g_memdup2 (image->data, n * sizeof (float));
  level.mask = vs_symmetry_mask (image, NULL);
  memcpy (level.affine, image->affine, sizeof level.affine);
  vs_affine_invert (level.affine, level.inverse);
  points_collect (&level, MAX_POINTS, &points);
  s = score (&level, &points, normal, offset);
  points_clear (&points);
  level_clear (&level);
  return s;
}

gboolean
vs_symmetry_search (const VsSymmetryImage *image,
                    VsSymmetryResult      *result,
                    GCancellable          *cancellable,
                    GError               **error)
{
  GArray *levels = g_array_new (FALSE, TRUE, sizeof (Level));
  gsize n = (gsize) (image->dims[0] * image->dims[1] * image->dims[2]), in_mask = 0;
  double plane_normal[3] = { image->affine[2], image->affine[6], image->affine[10] };
  double centroid[3] = { 0, 0, 0 }, axes[4][3], x[3] = { 0, 0, 0 }, best_score = -INFINITY;
  Frame frame;
  guint n_axes, top;
  gboolean ok = FALSE;

  /* Level 0: the image itself. */
  {
    Level level0 = { 0 };
    memcpy (level0.dims, image->dims, sizeof level0.dims);
    level0.data = g_memdup2 (image->data, n * sizeof (float));
    for (gsize i = 0; i < n; i++)
      if (!isfinite (level0.data[i]))
        level0.data[i] = 0;
    level0.mask = vs_symmetry_mask (image, NULL);
    memcpy (level0.affine, image->affine, sizeof level0.affine);
    if (!vs_affine_invert (level0.affine, level0.inverse))
      {
        level_clear (&level0);
        g_array_free (levels, TRUE);
        g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                             "the image's voxel-to-world affine cannot be inverted");
        return FALSE;
      }
    level0.voxel_mm = (edge_length (image->affine, 0) + edge_length (image->affine, 1) +
                       (image->planar ? edge_length (image->affine, 0)
                                      : edge_length (image->affine, 2))) / 3;
    g_array_append_val (levels, level0);
  }
  for (gsize i = 0; i < n; i++)
    in_mask += g_array_index (levels, Level, 0).mask[i];
  if (in_mask < MAX (n / 100, image->planar ? 50 : 500))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the image has no head to mirror (%" G_GSIZE_FORMAT " voxels above the "
                   "background threshold)", in_mask);
      goto out;
    }
  while (MAX (g_array_index (levels, Level, levels->len - 1).dims[0],
              g_array_index (levels, Level, levels->len - 1).dims[1]) > COARSE_SIZE)
    {
      Level next = { 0 };
      level_halve (&g_array_index (levels, Level, levels->len - 1), &next, image->planar);
      g_array_append_val (levels, next);
    }
  top = levels->len - 1;

  /* Start: centroid and candidate normals on the coarsest level. */
  {
    Level *coarse = &g_array_index (levels, Level, top);
    Points points = { 0 };
    double image_x[3] = { image->affine[0], image->affine[4], image->affine[8] };
    double best_x[3] = { 0, 0, 0 };
    guint best_axis = 0;

    points_collect (coarse, COARSE_POINTS, &points);
    for (gsize i = 0; i < points.n; i++)
      for (int a = 0; a < 3; a++)
        centroid[a] += points.xyz[3 * i + a] / points.n;
    n_axes = principal_axes (&points, centroid, image->planar, plane_normal, axes);
    memcpy (axes[n_axes++], image_x, sizeof image_x);
    {
      /* Candidates split over two threads; the best is the same whichever thread scored it. */
      Grid grids[4] = { { 0 } };
      GThread *helper = NULL;
      for (guint c = 0; c < n_axes; c++)
        {
          grids[c] = (Grid) { coarse, &points, { { 0 } }, image->max_tilt > 0 ? image->max_tilt : 30,
                              COARSE_OFFSETS * coarse->voxel_mm / 2, coarse->voxel_mm / 2,
                              -INFINITY, { 0, 0, 0 } };
          frame_init (&grids[c].frame, axes[c], plane_normal, image->planar, centroid);
        }
      if (g_get_num_processors () > 1)
        helper = g_thread_new ("vs-symmetry", grid_search_odd, grids);
      for (guint c = 0; c < n_axes; c += helper != NULL ? 2 : 1)
        grid_search (&grids[c]);
      if (helper != NULL)
        g_thread_join (helper);
      for (guint c = 0; c < n_axes; c++)
        if (grids[c].best > best_score)
          {
            best_score = grids[c].best;
            memcpy (best_x, grids[c].best_x, sizeof best_x);
            best_axis = c;
          }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          points_clear (&points);
          goto out;
        }
    }
    points_clear (&points);
    frame_init (&frame, axes[best_axis], plane_normal, image->planar, centroid);
    memcpy (x, best_x, sizeof x);
  }

  /* Refinement, coarse to fine. */
  for (int l = (int) top; l >= 0; l--)
    {
      Level *level = &g_array_index (levels, Level, l);
      Points points = { 0 };
      double step[3] = { COARSE_TILT_STEP / (1 << (top - l + 1)), 0,
                         level->voxel_mm / 4 };
      double final[3] = { l == 0 ? FINAL_ANGLE_STEP : step[0] / 8, 0,
                          l == 0 ? FINAL_OFFSET_STEP : step[2] / 8 };
      step[1] = step[0];
      final[1] = final[0];
      points_collect (level, MAX_POINTS, &points);
      best_score = refine (&frame, level, &points, x, step, final);
      points_clear (&points);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }

  frame_normal (&frame, x[0], x[1], result->normal);
  result->offset = result->normal[0] * centroid[0] + result->normal[1] * centroid[1] +
                   result->normal[2] * centroid[2] + x[2];
  /* One orientation for the same plane: the normal's largest component positive. */
  {
    int big = 0;
    for (int a = 1; a < 3; a++)
      if (fabs (result->normal[a]) > fabs (result->normal[big]))
        big = a;
    if (result->normal[big] < 0)
      {
        for (int a = 0; a < 3; a++)
          result->normal[a] = -result->normal[a];
        result->offset = -result->offset;
      }
  }
  result->score = best_score;
  memcpy (result->centroid, centroid, sizeof centroid);
  result->mask_voxels = in_mask;
  ok = TRUE;

out:
  for (guint l = 0; l < levels->len; l++)
    level_clear (&g_array_index (levels, Level, l));
  g_array_free (levels, TRUE);
  return ok;
}
