// Non-variadic wrappers around libedit (placeholder; filled in by the line-reader work).
#ifndef CEDITLINE_H
#define CEDITLINE_H
int cos_editline_placeholder(void);
#endif
