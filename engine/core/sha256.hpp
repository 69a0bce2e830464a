#pragma once
// SHA-256 of bytes (OpenSSL's EVP), as lowercase hex. Used for file identity, contract texts
// and statement hashes.
#include <memory>
#include <string>
#include <string_view>

namespace revshare {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    [[nodiscard]] std::string hex_digest();  // finishes the hash

    [[nodiscard]] static std::string of(std::string_view bytes);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace revshare
