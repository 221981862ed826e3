/* SPDX-License-Identifier: MIT */
#pragma once

#include <epoxy/gl.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _VsGlProgram VsGlProgram;

VsGlProgram *vs_gl_program_new_from_resources (const char   *vertex_resource,
                                               const char   *fragment_resource,
                                               GError      **error);
VsGlProgram *vs_gl_program_new_with_defines   (const char   *vertex_resource,
                                               const char   *fragment_resource,
                                               const char   *defines,
                                               GError      **error);
void         vs_gl_program_free               (VsGlProgram  *program);
GLuint       vs_gl_program_get_id             (VsGlProgram  *program);
GLint        vs_gl_program_get_uniform        (VsGlProgram  *program,
                                               const char   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsGlProgram, vs_gl_program_free)

G_END_DECLS
