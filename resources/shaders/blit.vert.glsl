#version 330 core
// The reduced-resolution slice image stretched over the viewport.
out vec2 v_uv;

void
main ()
{
  vec2 p = vec2 ((gl_VertexID & 1) != 0 ? 1.0 : -1.0, (gl_VertexID & 2) != 0 ? 1.0 : -1.0);
  v_uv = p * 0.5 + 0.5;
  gl_Position = vec4 (p, 0.0, 1.0);
}
