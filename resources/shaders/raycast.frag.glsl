#version 330 core
// Ray casting through a volume in voxel space.  The affine is linear, so a world ray is a ray in
// voxel coordinates too; it is clipped to the grid (and to the clip plane) and marched with a
// step in voxels: coarse while the camera moves, fine when it stops.
in vec2 v_ndc;
out vec4 frag_color;

uniform mat4 u_inverse_view_projection;  // NDC → world
uniform mat4 u_world_to_voxel;
uniform mat4 u_voxel_to_world;
uniform vec3 u_dims;
uniform sampler3D u_volume;     // display-normalised values, 0…1
uniform sampler2D u_colormap;
uniform int u_mode;             // 0 MIP, 1 composite, 2 isosurface
uniform float u_step;           // voxels
uniform float u_iso;            // 0…1
uniform vec4 u_clip;            // world plane: keep dot (xyz, p) <= w; xyz = 0 disables
uniform vec3 u_eye;             // world
uniform mat4 u_view_projection; // world → clip, for the depth of isosurface hits

vec3
to_voxel (vec3 world)
{
  return (u_world_to_voxel * vec4 (world, 1.0)).xyz;
}

float
sample_at (vec3 voxel)
{
  return texture (u_volume, (voxel + 0.5) / u_dims).r;
}

vec3
colormap (float t)
{
  return texture (u_colormap, vec2 ((clamp (t, 0.0, 1.0) * 255.0 + 0.5) / 256.0, 0.5)).rgb;
}

void
main ()
{
  vec4 near = u_inverse_view_projection * vec4 (v_ndc, -1.0, 1.0);
  vec4 far = u_inverse_view_projection * vec4 (v_ndc, 1.0, 1.0);
  vec3 origin = to_voxel (near.xyz / near.w);
  vec3 target = to_voxel (far.xyz / far.w);
  vec3 dir = target - origin;
  float total = length (dir);
  dir /= total;

  // Slab test against the grid [-0.5, dims - 0.5].
  vec3 inv = 1.0 / dir;
  vec3 t0 = (vec3 (-0.5) - origin) * inv, t1 = (u_dims - 0.5 - origin) * inv;
  vec3 tmin = min (t0, t1), tmax = max (t0, t1);
  float enter = max (max (tmin.x, tmin.y), max (tmin.z, 0.0));
  float leave = min (min (tmax.x, tmax.y), min (tmax.z, total));
  if (enter >= leave)
    discard;

  float best = 0.0;
  vec4 acc = vec4 (0.0);
  bool hit = false;
  vec3 hit_voxel = vec3 (0.0);
  for (float t = enter; t < leave; t += u_step)
    {
      vec3 voxel = origin + t * dir;
      if (dot (u_clip.xyz, u_clip.xyz) > 0.0 &&
          dot (u_clip.xyz, (u_voxel_to_world * vec4 (voxel, 1.0)).xyz) > u_clip.w)
        continue;
      float v = sample_at (voxel);
      if (u_mode == 0)
        best = max (best, v);
      else if (u_mode == 1)
        {
          // Opacity from the value, corrected for the step so it does not depend on it.
          float alpha = 1.0 - pow (1.0 - clamp (v, 0.0, 1.0) * 0.08, u_step);
          acc.rgb += (1.0 - acc.a) * alpha * colormap (v);
          acc.a += (1.0 - acc.a) * alpha;
          if (acc.a > 0.97)
            break;  // early ray termination
        }
      else if (v >= u_iso)
        {
          hit = true;
          hit_voxel = voxel;
          break;
        }
    }

  // MIP and composite have no surface to put in the depth buffer: they lie behind everything,
  // so surfaces drawn afterwards show in front; an isosurface hit has its true depth.
  gl_FragDepth = 1.0;
  if (u_mode == 0)
    {
      if (best <= 0.0)
        discard;
      frag_color = vec4 (colormap (best), 1.0);
    }
  else if (u_mode == 1)
    {
      if (acc.a <= 0.0)
        discard;
      frag_color = vec4 (acc.rgb / max (acc.a, 1e-4) * acc.a + (1.0 - acc.a) * vec3 (0.0), 1.0);
    }
  else
    {
      if (!hit)
        discard;
      vec3 g = vec3 (sample_at (hit_voxel + vec3 (1, 0, 0)) - sample_at (hit_voxel - vec3 (1, 0, 0)),
                     sample_at (hit_voxel + vec3 (0, 1, 0)) - sample_at (hit_voxel - vec3 (0, 1, 0)),
                     sample_at (hit_voxel + vec3 (0, 0, 1)) - sample_at (hit_voxel - vec3 (0, 0, 1)));
      vec3 n = normalize (mat3 (transpose (u_world_to_voxel)) * -g + vec3 (1e-6));
      vec3 world = (u_voxel_to_world * vec4 (hit_voxel, 1.0)).xyz;
      vec4 clip = u_view_projection * vec4 (world, 1.0);
      gl_FragDepth = clamp (clip.z / clip.w * 0.5 + 0.5, 0.0, 1.0);
      float diffuse = abs (dot (n, normalize (u_eye - world)));
      frag_color = vec4 (vec3 (0.85) * (0.25 + 0.75 * diffuse), 1.0);
    }
}
