/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-color-split"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-color-split.h"
#include "vs-connected-components.h"

/* Splitting instances by colour: in MCFO images every neuron has its own mix of the channels, so
 * a component that holds several touching neurons holds several colours.  A voxel's colour is
 * its chromaticity — each channel's share of their sum, which does not change along a neuron as
 * it gets dimmer.  Per instance the shares are counted in a histogram (8 bins per share); every
 * bin that is a local maximum with more than min_size voxels around it is a colour, unless it is
 * nearer than min_distance to a heavier colour or a small mix of two (a crossing), and each
 * voxel goes to the nearest colour.  The voxels of one colour fall apart into 26-connected
 * pieces; pieces of at most min_size voxels (noise, the rest of crossings) go to the large piece
 * they touch.  The instance's voxels of one colour are then one new instance; an instance with
 * no large piece stays whole. */

#define BINS 8

typedef struct {
  guint   n_shares;         /* channels − 1: the last share is what the others leave */
  guint   n_bins;           /* BINS ^ n_shares */
  guint   n_colors;
  double  centre[VS_COLOR_SPLIT_MAX_COLORS][3];
} Palette;

typedef struct {
  guint64 mass;             /* voxels in the peak's bin and those around it */
  double  centre[3];
} Peak;

static void
shares_at (VsVolume *image, const guint *channels, guint n_channels, gsize i, double *out)
{
  VsDatatype type = vs_volume_get_datatype (image);
  double v[4], sum = 0;

  for (guint c = 0; c < n_channels; c++)
    {
      v[c] = MAX (vs_datatype_read (type, vs_volume_get_frame_data (image, channels[c]), i), 0);
      sum += v[c];
    }
  for (guint c = 0; c + 1 < n_channels; c++)
    out[c] = sum > 0 ? v[c] / sum : 1.0 / n_channels;
}

static guint
bin_of (const double *shares, guint n_shares)
{
  guint bin = 0;

  for (guint c = n_shares; c-- > 0;)
    bin = bin * BINS + (guint) MIN (BINS - 1, (int) (shares[c] * BINS));
  return bin;
}

/* The bins within one step of @bin in every share (itself included); returns how many. */
static guint
around (guint bin, guint n_shares, guint *out)
{
  guint n = 0, total = 1;
  int at[3];

  for (guint c = 0, b = bin; c < n_shares; c++, b /= BINS)
    at[c] = (int) (b % BINS);
  for (guint c = 0; c < n_shares; c++)
    total *= 3;
  for (guint k = 0; k < total; k++)
    {
      guint other = 0, step = 1, kk = k;
      gboolean inside = TRUE;
      for (guint c = 0; c < n_shares; c++, kk /= 3, step *= BINS)
        {
          int a = at[c] + (int) (kk % 3) - 1;
          inside = inside && a >= 0 && a < BINS;
          other += (guint) MAX (a, 0) * step;
        }
      if (inside)
        out[n++] = other;
    }
  return n;
}

/* Where two neurons cross, their voxels mix the two colours: a small peak near the line between
 * two heavier colours (a quarter of the lighter one's voxels at most) is such a crossing, not a
 * neuron of its own.  (A neuron as heavy whose colour is such a mix stays a colour.) */
static gboolean
is_mixture (const Peak *peak, const Peak *a, const Peak *b, double min_distance)
{
  double ab[3], ap[3], t = 0, len2 = 0, d2 = 0;

  if (peak->mass * 4 > MIN (a->mass, b->mass))
    return FALSE;
  for (int c = 0; c < 3; c++)
    {
      ab[c] = b->centre[c] - a->centre[c];
      ap[c] = peak->centre[c] - a->centre[c];
      t += ab[c] * ap[c];
      len2 += ab[c] * ab[c];
    }
  t = len2 > 0 ? CLAMP (t / len2, 0, 1) : 0;
  for (int c = 0; c < 3; c++)
    d2 += (ap[c] - t * ab[c]) * (ap[c] - t * ab[c]);
  return sqrt (d2) < min_distance / 2;
}

/* The colours of one instance from its histogram. */
static void
find_colors (const guint32 *hist, guint64 min_size, double min_distance, Palette *palette)
{
  guint neighbours[27];
  Peak found[64], kept[VS_COLOR_SPLIT_MAX_COLORS];
  guint n_found = 0;

  palette->n_colors = 0;
  for (guint b = 0; b < palette->n_bins; b++)
    {
      guint n = around (b, palette->n_shares, neighbours);
      gboolean peak = hist[b] > 0;
      guint64 mass = 0;
      double centre[3] = { 0 };
      for (guint k = 0; k < n && peak; k++)
        {
          guint o = neighbours[k];
          /* Equal neighbours: the first bin is the peak. */
          peak = o == b || hist[o] < hist[b] || (hist[o] == hist[b] && o > b);
          mass += hist[o];
          for (guint c = 0, q = o; c < palette->n_shares; c++, q /= BINS)
            centre[c] += hist[o] * ((q % BINS) + 0.5) / BINS;
        }
      if (!peak || mass <= min_size || n_found == G_N_ELEMENTS (found))
        continue;
      found[n_found] = (Peak) { mass, { 0, 0, 0 } };
      for (guint c = 0; c < palette->n_shares; c++)
        found[n_found].centre[c] = centre[c] / mass;
      n_found++;
    }
  /* The heaviest first; one nearer than min_distance to a kept colour is that colour. */
  for (guint a = 0; a < n_found; a++)
    for (guint b = a + 1; b < n_found; b++)
      if (found[b].mass > found[a].mass)
        {
          Peak t = found[a];
          found[a] = found[b];
          found[b] = t;
        }
  for (guint a = 0; a < n_found && palette->n_colors < VS_COLOR_SPLIT_MAX_COLORS; a++)
    {
      gboolean apart = TRUE;
      for (guint k = 0; k < palette->n_colors && apart; k++)
        {
          double d2 = 0;
          for (guint c = 0; c < palette->n_shares; c++)
            d2 += (found[a].centre[c] - palette->centre[k][c]) *
                  (found[a].centre[c] - palette->centre[k][c]);
          apart = sqrt (d2) >= min_distance;
        }
      for (guint j = 0; j < palette->n_colors && apart; j++)
        for (guint k = j + 1; k < palette->n_colors && apart; k++)
          apart = !is_mixture (&found[a], &kept[j], &kept[k], min_distance);
      if (apart)
        {
          kept[palette->n_colors] = found[a];
          memcpy (palette->centre[palette->n_colors++], found[a].centre, sizeof (double) * 3);
        }
    }
}

static guint8
nearest_color (const Palette *palette, const double *shares)
{
  guint8 best = 0;
  double best_d2 = INFINITY;

  for (guint k = 0; k < palette->n_colors; k++)
    {
      double d2 = 0;
      for (guint c = 0; c < palette->n_shares; c++)
        d2 += (shares[c] - palette->centre[k][c]) * (shares[c] - palette->centre[k][c]);
      if (d2 < best_d2)
        best_d2 = d2, best = (guint8) k;
    }
  return best;
}

/* Splits every instance of @labels (1…@n_labels, no two touching) by the colour of @image's
 * @channels; @labels gets the pieces, numbered 1…n by first voxel; returns n. */
guint32
vs_color_split (VsVolume      *image,
                const guint   *channels,
                guint          n_channels,
                guint32       *labels,
                guint32        n_labels,
                guint64        min_size,
                double         min_distance,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 dims[4];
  gsize n;
  Palette palette = { 0 };
  g_autofree guint32 *hist = NULL, *pieces = NULL, *piece_of = NULL;
  g_autofree guint8 *color = NULL, *mask = NULL;
  g_autofree Palette *palettes = NULL;
  g_autofree guint64 *sizes = NULL;
  g_autoptr(GArray) piece_size = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_autoptr(GArray) piece_color = g_array_new (FALSE, TRUE, sizeof (guint8));
  g_autofree guint8 *has_large = NULL;
  g_autofree guint32 *renumber = NULL;
  GArray *queue;
  guint32 n_out = 0;

  vs_volume_get_dims (image, dims);
  n = vs_volume_get_frame_voxels (image);
  if (n_channels < 2 || n_channels > 4)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "a split by colour needs 2 to 4 channels, not %u", n_channels);
      return 0;
    }
  palette.n_shares = n_channels - 1;
  palette.n_bins = 1;
  for (guint c = 0; c < palette.n_shares; c++)
    palette.n_bins *= BINS;
  hist = g_try_new0 (guint32, ((gsize) n_labels + 1) * palette.n_bins);
  color = g_try_new0 (guint8, n);
  pieces = g_try_new0 (guint32, n);
  mask = g_try_new (guint8, n);
  if (hist == NULL || color == NULL || pieces == NULL || mask == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "not enough memory to split %u instances by colour", n_labels);
      return 0;
    }

  /* Each instance's colours. */
  for (gsize i = 0; i < n; i++)
    if (labels[i] != 0)
      {
        double shares[3];
        shares_at (image, channels, n_channels, i, shares);
        hist[(gsize) labels[i] * palette.n_bins + bin_of (shares, palette.n_shares)]++;
      }
  palettes = g_new0 (Palette, (gsize) n_labels + 1);
  for (guint32 l = 1; l <= n_labels; l++)
    {
      palettes[l] = palette;
      find_colors (hist + (gsize) l * palette.n_bins, min_size, min_distance, &palettes[l]);
    }
  g_clear_pointer (&hist, g_free);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return 0;
  for (gsize i = 0; i < n; i++)
    if (labels[i] != 0 && palettes[labels[i]].n_colors > 1)
      {
        double shares[3];
        shares_at (image, channels, n_channels, i, shares);
        color[i] = nearest_color (&palettes[labels[i]], shares);
      }

  /* The pieces of each colour (instances do not touch, so no piece spans two). */
  g_array_set_size (piece_size, 1);
  g_array_set_size (piece_color, 1);
  for (guint k = 0; k < VS_COLOR_SPLIT_MAX_COLORS; k++)
    {
      guint32 n_pieces, first = piece_size->len - 1;
      gboolean any = FALSE;
      for (gsize i = 0; i < n; i++)
        any |= (mask[i] = labels[i] != 0 && color[i] == k);
      if (!any)
        continue;
      if (piece_of == NULL)
        piece_of = g_new (guint32, n);   /* one buffer for every colour's components */
      g_clear_pointer (&sizes, g_free);
      n_pieces = vs_connected_components (mask, dims, piece_of, &sizes, 0, cancellable, error);
      if (n_pieces == 0)
        return 0;
      g_array_set_size (piece_size, piece_size->len + n_pieces);
      g_array_set_size (piece_color, piece_color->len + n_pieces);
      for (gsize i = 0; i < n; i++)
        if (mask[i])
          pieces[i] = first + piece_of[i];
      for (guint32 p = 1; p <= n_pieces; p++)
        {
          g_array_index (piece_size, guint64, first + p) = sizes[p];
          g_array_index (piece_color, guint8, first + p) = (guint8) k;
        }
    }

  /* Small pieces go to the large pieces they touch, breadth first. */
  has_large = g_new0 (guint8, (gsize) n_labels + 1);
  queue = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    if (pieces[i] != 0)
      {
        if (g_array_index (piece_size, guint64, pieces[i]) > min_size)
          {
            has_large[labels[i]] = 1;
            g_array_append_val (queue, i);
          }
        else
          pieces[i] = G_MAXUINT32;   /* to be given */
      }
  for (guint head = 0; head < queue->len; head++)
    {
      gsize v = g_array_index (queue, gsize, head);
      gint64 x = (gint64) (v % (gsize) dims[0]), y = (gint64) (v / (gsize) dims[0] % (gsize) dims[1]);
      gint64 z = (gint64) (v / (gsize) (dims[0] * dims[1]));
      for (int dz = -1; dz <= 1; dz++)
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              gint64 xx = x + dx, yy = y + dy, zz = z + dz;
              gsize u;
              if (xx < 0 || yy < 0 || zz < 0 || xx >= dims[0] || yy >= dims[1] || zz >= dims[2])
                continue;
              u = (gsize) ((zz * dims[1] + yy) * dims[0] + xx);
              if (pieces[u] != G_MAXUINT32)
                continue;
              pieces[u] = pieces[v];
              g_array_append_val (queue, u);
            }
    }
  g_array_unref (queue);

  /* One instance per colour of an instance (a neuron's branches stay one where a crossing cut
   * them apart), numbered by first voxel; an instance without a large piece stays whole. */
  renumber = g_new0 (guint32, ((gsize) n_labels + 1) * (VS_COLOR_SPLIT_MAX_COLORS + 1));
  for (gsize i = 0; i < n; i++)
    if (labels[i] != 0)
      {
        gsize key = (gsize) labels[i] * (VS_COLOR_SPLIT_MAX_COLORS + 1) +
                    (has_large[labels[i]] ? g_array_index (piece_color, guint8, pieces[i]) + 1u
                                          : 0);
        if (renumber[key] == 0)
          renumber[key] = ++n_out;
        labels[i] = renumber[key];
      }
  return n_out;
}
