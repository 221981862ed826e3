/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-colormap"

#include "config.h"

#include <math.h>

#include "vs-colormap.h"

/* Colormaps generated in code.  The perceptual maps (viridis, inferno, magma, plasma) use
 * sixth-degree polynomial fits of matplotlib's tables (max error ≈ 1/255); cool-warm is
 * Moreland's diverging map through its published control points; hot and grey are analytic. */

static const char *names[VS_N_COLORMAPS] = {
  "grey", "hot", "viridis", "inferno", "magma", "plasma", "cool-warm", "labels",
};

static const double viridis[7][3] = {
  { 0.2777273272234177, 0.005407344544966578, 0.3340998053353061 },
  { 0.1050930431085774, 1.404613529898575, 1.384590162594685 },
  { -0.3308618287255563, 0.214847559468213, 0.09509516302823659 },
  { -4.634230498983486, -5.799100973351585, -19.33244095627987 },
  { 6.228269936347081, 14.17993336680509, 56.69055260068105 },
  { 4.776384997670288, -13.74514537774601, -65.35303263337234 },
  { -5.435455855934631, 4.645852612178535, 26.3124352495832 },
};

static const double inferno[7][3] = {
  { 0.0002189403691192265, 0.001651004631001012, -0.01948089843709184 },
  { 0.1065134194856116, 0.5639564367884091, 3.932712388889277 },
  { 11.60249308247187, -3.972853965665698, -15.9423941062914 },
  { -41.70399613139459, 17.43639888205313, 44.35414519872813 },
  { 77.162935699427, -33.40235894210092, -81.80730925738993 },
  { -71.31942824499214, 32.62606426397723, 73.20951985803202 },
  { 25.13112622477341, -12.24266895238567, -23.07032500287172 },
};

static const double magma[7][3] = {
  { -0.002136485053939582, -0.000749655052795221, -0.005386127855323933 },
  { 0.2516605407371642, 0.6775232436837668, 2.494026599312351 },
  { 8.353717279216625, -3.577719514958484, 0.3144679030132573 },
  { -27.66873308576866, 14.26473078096533, -13.64921318813922 },
  { 52.17613981234068, -27.94360607168351, 12.94416944238394 },
  { -50.76852536473588, 29.04658282127291, 4.23415299384598 },
  { 18.65570506591883, -11.48977351997711, -5.601961508734096 },
};

static const double plasma[7][3] = {
  { 0.05873234392399702, 0.02333670892565664, 0.5433401826748754 },
  { 2.176514634195958, 0.2383834171260182, 0.7539604599784036 },
  { -2.689460476458034, -7.455851135738909, 3.110799939717086 },
  { 6.130348345893603, 42.3461881477227, -28.51885465332158 },
  { -11.10743619062271, -82.66631109428045, 60.13984767418263 },
  { 10.02306557647065, 71.41361770095349, -54.07218655560067 },
  { -3.658713842777788, -22.93153465461149, 18.19190778539828 },
};

/* Moreland (2009) cool-warm, as matplotlib's "coolwarm" samples it. */
static const double cool_warm[9][3] = {
  { 59, 76, 192 }, { 98, 130, 234 }, { 141, 176, 254 }, { 184, 208, 249 }, { 221, 221, 221 },
  { 245, 196, 173 }, { 244, 154, 123 }, { 222, 96, 77 }, { 180, 4, 38 },
};

const char *
vs_colormap_get_name (VsColormap colormap)
{
  g_return_val_if_fail (colormap < VS_N_COLORMAPS, NULL);
  return names[colormap];
}

gboolean
vs_colormap_from_name (const char *name,
                       VsColormap *out)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < VS_N_COLORMAPS; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (name, "gray") == 0)
    {
      *out = VS_COLORMAP_GREY;
      return TRUE;
    }
  if (g_ascii_strcasecmp (name, "coolwarm") == 0 || g_ascii_strcasecmp (name, "rdbu") == 0)
    {
      *out = VS_COLORMAP_COOL_WARM;
      return TRUE;
    }
  return FALSE;
}

/* "grey, hot, viridis, …" for help texts and error messages. */
char *
vs_colormap_list_names (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < VS_N_COLORMAPS; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", names[i]);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static void
eval_polynomial (const double c[7][3], double t, double rgb[3])
{
  for (int ch = 0; ch < 3; ch++)
    {
      double v = c[6][ch];
      for (int k = 5; k >= 0; k--)
        v = v * t + c[k][ch];
      rgb[ch] = CLAMP (v, 0.0, 1.0);
    }
}

void
vs_colormap_eval (VsColormap colormap,
                  double     t,
                  double     rgb[3])
{
  t = isfinite (t) ? CLAMP (t, 0.0, 1.0) : 0.0;

  switch (colormap)
    {
    case VS_COLORMAP_GREY:
    case VS_COLORMAP_LABELS:  /* labels are coloured from their table, not from t */
      rgb[0] = rgb[1] = rgb[2] = t;
      break;
    case VS_COLORMAP_HOT:
      rgb[0] = CLAMP (3 * t, 0.0, 1.0);
      rgb[1] = CLAMP (3 * t - 1, 0.0, 1.0);
      rgb[2] = CLAMP (3 * t - 2, 0.0, 1.0);
      break;
    case VS_COLORMAP_VIRIDIS:
      eval_polynomial (viridis, t, rgb);
      break;
    case VS_COLORMAP_INFERNO:
      eval_polynomial (inferno, t, rgb);
      break;
    case VS_COLORMAP_MAGMA:
      eval_polynomial (magma, t, rgb);
      break;
    case VS_COLORMAP_PLASMA:
      eval_polynomial (plasma, t, rgb);
      break;
    case VS_COLORMAP_COOL_WARM:
      {
        double x = t * 8;
        int i = MIN ((int) x, 7);
        double f = x - i;
        for (int ch = 0; ch < 3; ch++)
          rgb[ch] = ((1 - f) * cool_warm[i][ch] + f * cool_warm[i + 1][ch]) / 255.0;
      }
      break;
    default:
      g_return_if_reached ();
    }
}

void
vs_colormap_fill_rgba (VsColormap colormap,
                       guint8     rgba[VS_COLORMAP_SIZE * 4])
{
  for (int i = 0; i < VS_COLORMAP_SIZE; i++)
    {
      double rgb[3];
      vs_colormap_eval (colormap, i / (double) (VS_COLORMAP_SIZE - 1), rgb);
      for (int ch = 0; ch < 3; ch++)
        rgba[i * 4 + ch] = (guint8) lround (rgb[ch] * 255);
      rgba[i * 4 + 3] = 255;
    }
}
