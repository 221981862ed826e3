#version 330 core
// A quad covering the viewport, made from gl_VertexID (no vertex buffer).
// Voxel coordinates are an affine function of screen position, so they are computed per vertex
// and interpolated exactly, which spares llvmpipe a matrix product per fragment.
uniform mat4 u_ndc_to_voxel;
out vec3 v_voxel;

void
main ()
{
  vec2 p = vec2 ((gl_VertexID & 1) != 0 ? 1.0 : -1.0, (gl_VertexID & 2) != 0 ? 1.0 : -1.0);
  v_voxel = (u_ndc_to_voxel * vec4 (p, 0.0, 1.0)).xyz;
  gl_Position = vec4 (p, 0.0, 1.0);
}
