#version 330 core
// A quad covering the viewport, made from gl_VertexID (no vertex buffer).
out vec2 v_ndc;

void
main ()
{
  vec2 p = vec2 ((gl_VertexID & 1) != 0 ? 1.0 : -1.0, (gl_VertexID & 2) != 0 ? 1.0 : -1.0);
  v_ndc = p;
  gl_Position = vec4 (p, 0.0, 1.0);
}
