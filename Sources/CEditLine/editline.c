#include "CEditLine.h"
int cos_editline_placeholder(void) { return 0; }
