// See CEditLine.h. Everything here is small on purpose: the logic lives in Swift (CosLine).
#include "CEditLine.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

// ---- Signals -------------------------------------------------------------------------------

static volatile sig_atomic_t sigint_flag = 0;
static volatile sig_atomic_t sigwinch_flag = 0;
static volatile sig_atomic_t sigcont_flag = 0;
// A self-pipe: the SIGINT handler writes a byte so a watcher thread can block instead of poll.
static int interrupt_pipe[2] = {-1, -1};
static volatile sig_atomic_t installed = 0;

static void on_signal(int signo) {
    int saved = errno;
    switch (signo) {
    case SIGINT:
        sigint_flag = 1;
        if (interrupt_pipe[1] >= 0) {
            char byte = 1;
            ssize_t ignored = write(interrupt_pipe[1], &byte, 1);
            (void)ignored;
        }
        break;
    case SIGWINCH: sigwinch_flag = 1; break;
    case SIGCONT: sigcont_flag = 1; break;
    default: break;
    }
    errno = saved;
}

int cos_signals_install(int restart) {
    if (interrupt_pipe[0] < 0) {
        if (pipe(interrupt_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(interrupt_pipe[i], F_SETFL, fcntl(interrupt_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(interrupt_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = restart ? SA_RESTART : 0;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    if (sigaction(SIGWINCH, &action, NULL) != 0) return -1;
    if (sigaction(SIGCONT, &action, NULL) != 0) return -1;
    installed = 1;
    return 0;
}

int cos_signals_interrupt_reads(int interrupt) {
    if (!installed) return 0;
    return cos_signals_install(!interrupt);
}

int cos_sigint_is_set(void) { return sigint_flag != 0; }

void cos_sigint_clear(void) { sigint_flag = 0; }

int cos_interrupt_wait(int timeout_ms) {
    if (interrupt_pipe[0] < 0) return 0;
    // The waiting thread never takes these signals itself, so they reach the main thread, whose
    // blocking read (the prompt) they must interrupt.
    static __thread int masked = 0;
    if (!masked) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGWINCH);
        sigaddset(&set, SIGCONT);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
        masked = 1;
    }
    struct pollfd fd = {.fd = interrupt_pipe[0], .events = POLLIN, .revents = 0};
    int ready = poll(&fd, 1, timeout_ms);
    if (ready <= 0) return 0;
    char buffer[64];
    while (read(interrupt_pipe[0], buffer, sizeof buffer) > 0) {}
    return 1;
}

// ---- The editor ----------------------------------------------------------------------------

// What cos keeps per editor, reached through EL_CLIENTDATA.
struct cos_editor {
    char *prompt;
    void *client;
};

static struct cos_editor *editor_of(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static char *prompt_function(EditLine *el) {
    struct cos_editor *editor = editor_of(el);
    return editor && editor->prompt ? editor->prompt : "";
}

// Reads one character for libedit. Unlike libedit's own reader, a SIGWINCH or SIGCONT does not end
// the line: the terminal is resized or put back in edit mode (after Ctrl-Z and fg the shell left
// it in line mode) and reading goes on. Ctrl-C ends it with EINTR.
static int read_character(EditLine *el, wchar_t *out) {
    mbstate_t state;
    memset(&state, 0, sizeof state);
    for (;;) {
        unsigned char byte;
        ssize_t count = read(STDIN_FILENO, &byte, 1);
        if (count == 0) return 0;
        if (count < 0) {
            if (errno != EINTR) return -1;
            if (sigint_flag) {
                errno = EINTR;
                return -1;
            }
            if (sigcont_flag) {
                sigcont_flag = 0;
                el_set(el, EL_PREP_TERM, 0);
                el_set(el, EL_PREP_TERM, 1);
                el_set(el, EL_REFRESH);
            }
            if (sigwinch_flag) {
                sigwinch_flag = 0;
                el_resize(el);
                el_set(el, EL_REFRESH);
            }
            continue;
        }
        wchar_t wide = 0;
        size_t used = mbrtowc(&wide, (const char *)&byte, 1, &state);
        if (used == (size_t)-2) continue;  // more bytes of this character to come
        if (used == (size_t)-1) {
            // Not valid in this locale: pass the byte on rather than lose it.
            memset(&state, 0, sizeof state);
            wide = (wchar_t)byte;
        }
        *out = wide;
        return 1;
    }
}

EditLine *cos_el_init(const char *program) {
    // libedit decodes keys with the C library's multibyte functions: without a UTF-8 LC_CTYPE,
    // typed accents are mangled and el_insertstr refuses them. Swift strings are UTF-8, so when the
    // environment names no UTF-8 locale (LANG unset, or C), C.UTF-8 is used.
    const char *locale = setlocale(LC_CTYPE, "");
    if (!locale || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
    struct cos_editor *editor = calloc(1, sizeof *editor);
    if (!editor) return NULL;
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (!el) {
        free(editor);
        return NULL;
    }
    el_set(el, EL_CLIENTDATA, editor);
    el_set(el, EL_SIGNAL, 0);
    el_set(el, EL_PROMPT_ESC, prompt_function, '\1');
    el_set(el, EL_GETCFN, read_character);
    return el;
}

void cos_el_end(EditLine *el) {
    if (!el) return;
    struct cos_editor *editor = editor_of(el);
    el_end(el);
    if (editor) {
        free(editor->prompt);
        free(editor);
    }
}

int cos_el_set_prompt(EditLine *el, const char *prompt) {
    struct cos_editor *editor = editor_of(el);
    if (!editor) return -1;
    char *copy = strdup(prompt ? prompt : "");
    if (!copy) return -1;
    free(editor->prompt);
    editor->prompt = copy;
    return 0;
}

int cos_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }

int cos_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }

// (The parameter must not be called `history`: that would hide the function passed here.)
int cos_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

void cos_el_set_clientdata(EditLine *el, void *data) {
    struct cos_editor *editor = editor_of(el);
    if (editor) editor->client = data;
}

void *cos_el_clientdata(EditLine *el) {
    struct cos_editor *editor = editor_of(el);
    return editor ? editor->client : NULL;
}

int cos_el_addfn(EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}

int cos_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

int cos_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

// ---- History -------------------------------------------------------------------------------

History *cos_history_init(void) { return history_init(); }

void cos_history_end(History *h) {
    if (h) history_end(h);
}

int cos_history_setsize(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

int cos_history_setunique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

int cos_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

int cos_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

int cos_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

int cos_history_clear(History *h) {
    HistEvent event;
    return history(h, &event, H_CLEAR);
}

// ---- Terminal ------------------------------------------------------------------------------

int cos_terminal_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}
