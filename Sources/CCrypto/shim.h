// OpenSSL's libcrypto (Debian's libssl-dev): only the EVP digest API, for the export fingerprint.
#include <openssl/evp.h>
