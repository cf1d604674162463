// Non-variadic wrappers around libedit's native API (<histedit.h>), the signal handlers, and the
// terminal size, for Swift: el_set, el_get and history are variadic C functions that Swift cannot
// call, and signal state must live in one real C object file. See docs/libedit.md.
#ifndef CEDITLINE_H
#define CEDITLINE_H

#include <histedit.h>

// ---- The editor ----------------------------------------------------------------------------

/// Sets LC_CTYPE from the environment (C.UTF-8 when that is not UTF-8), then el_init on standard input,
/// output and error, with a prompt (EL_PROMPT_ESC, '\1' brackets invisible sequences), signal
/// handling by libedit off (EL_SIGNAL 0), and a reader of keys that survives SIGWINCH and SIGCONT.
/// NULL on failure.
EditLine *cos_el_init(const char *program);
/// el_end, and frees what cos_el_init allocated.
void cos_el_end(EditLine *el);

/// The prompt text shown by the next el_gets (copied).
int cos_el_set_prompt(EditLine *el, const char *prompt);
/// EL_EDITOR: "emacs" or "vi".
int cos_el_set_editor(EditLine *el, const char *mode);
/// EL_SIGNAL: 1 lets libedit install its own handlers (cos keeps it 0).
int cos_el_set_signal(EditLine *el, int on);
/// EL_HIST with libedit's `history` function.
int cos_el_set_history(EditLine *el, History *history);
/// Stores a pointer for callbacks (the Swift reader); cos_el_clientdata returns it.
void cos_el_set_clientdata(EditLine *el, void *data);
void *cos_el_clientdata(EditLine *el);
/// EL_ADDFN: a named editor function.
int cos_el_addfn(EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int));
/// EL_BIND: binds a key ("^I", "^R") to an editor function by name.
int cos_el_bind(EditLine *el, const char *key, const char *function);
/// EL_REFRESH.
int cos_el_refresh(EditLine *el);

// ---- History -------------------------------------------------------------------------------

History *cos_history_init(void);
void cos_history_end(History *history);
/// H_SETSIZE: keep at most `size` entries.
int cos_history_setsize(History *history, int size);
/// H_SETUNIQUE: drop an entry equal to the one before it.
int cos_history_setunique(History *history, int unique);
/// H_ENTER.
int cos_history_enter(History *history, const char *line);
/// H_LOAD / H_SAVE: libedit's own file format (cos keeps a plain file of its own instead).
int cos_history_load(History *history, const char *path);
int cos_history_save(History *history, const char *path);
/// H_CLEAR.
int cos_history_clear(History *history);

// ---- Signals -------------------------------------------------------------------------------

/// Installs handlers for SIGINT, SIGWINCH and SIGCONT that only set flags (and wake
/// cos_interrupt_wait). With `restart` 0 they interrupt blocking reads (EINTR): the prompt wants
/// that, so Ctrl-C ends el_gets; with 1 they restart them, so output is never cut by a resize.
int cos_signals_install(int restart);
/// When the handlers are installed, switches them to interrupting (1) or restarting (0) blocking
/// reads; does nothing when they are not installed.
int cos_signals_interrupt_reads(int interrupt);
/// Whether Ctrl-C came since the last clear.
int cos_sigint_is_set(void);
void cos_sigint_clear(void);
/// Blocks until Ctrl-C (a SIGINT after installation) or `timeout_ms` (negative: forever).
/// Returns 1 for Ctrl-C, 0 for the timeout. The calling thread blocks SIGINT, SIGWINCH and SIGCONT
/// for itself, so the signals go to the thread reading the prompt.
int cos_interrupt_wait(int timeout_ms);

// ---- Terminal ------------------------------------------------------------------------------

/// The size of the terminal on `fd` (TIOCGWINSZ). 0 on success.
int cos_terminal_size(int fd, int *rows, int *columns);

#endif
