// `revshare keygen --out PREFIX`: writes a new Ed25519 key pair for signed closes:
// PREFIX.key (the private key, PKCS#8 PEM, mode 0600: keep it off the database's machine
// when you can) and PREFIX.pub (the public key, PEM: give it to the auditor). Never
// overwrites a file, and needs no database.
#include "cli/commands.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/error.hpp"
#include "engine/core/signature.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace revshare::app {
namespace {

// Creates `path` (never replacing one) with `mode`, writes `text` and syncs it.
void write_new_file(const std::string& path, const std::string& text, mode_t mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        throw Error("keygen: cannot create " + path + ": " + std::strerror(errno) +
                    (errno == EEXIST ? " (keygen never replaces a key; choose another --out)" : ""));
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t got = ::write(fd, text.data() + written, text.size() - written);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(path.c_str());
            throw Error("keygen: cannot write " + path + ": " + std::strerror(error));
        }
        written += static_cast<std::size_t>(got);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        ::unlink(path.c_str());
        throw Error("keygen: cannot write " + path + ": " + std::strerror(errno));
    }
}

}  // namespace

int command_keygen(const GlobalOptions&, Arguments& arguments) {
    const std::string prefix = arguments.take_required("out");
    (void)arguments.positionals();
    if (prefix.empty()) throw UsageError("keygen: --out needs a path prefix (keygen --out keys/revshare)");
    const Ed25519KeyPair pair = generate_ed25519_key_pair();
    const std::string private_path = prefix + ".key";
    const std::string public_path = prefix + ".pub";
    if (::access(public_path.c_str(), F_OK) == 0) {
        throw Error("keygen: " + public_path + " already exists (keygen never replaces a key; choose another --out)");
    }
    write_new_file(private_path, pair.private_pem, 0600);
    try {
        write_new_file(public_path, pair.public_pem, 0644);
    } catch (const Error&) {
        ::unlink(private_path.c_str());
        throw;
    }
    const PublicKey key(pair.public_pem, public_path);
    const std::string private_shown = printable(private_path);
    const std::string public_shown = printable(public_path);
    std::cout << "wrote " << private_shown << " (private: sign closes with close --sign-key " << private_shown << ")\n"
              << "wrote " << public_shown << " (public: verify --public-key " << public_shown << ")\n"
              << "key " << key.key_id() << "\n";
    return 0;
}

}  // namespace revshare::app
