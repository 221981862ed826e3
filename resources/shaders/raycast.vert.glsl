#version 330 core
out vec2 v_ndc;

void
main ()
{
  vec2 p = vec2 ((gl_VertexID & 1) != 0 ? 1.0 : -1.0, (gl_VertexID & 2) != 0 ? 1.0 : -1.0);
  v_ndc = p;
  gl_Position = vec4 (p, 0.0, 1.0);
}
