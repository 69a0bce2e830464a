#include "engine/core/sha256.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/hex.hpp"

#include <openssl/evp.h>

namespace revshare {

struct Sha256::State {
    EVP_MD_CTX* context = nullptr;
    bool finished = false;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    state_->context = EVP_MD_CTX_new();
    ENGINE_ASSERT(state_->context != nullptr);
    ENGINE_ASSERT(EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() { EVP_MD_CTX_free(state_->context); }

void Sha256::update(std::string_view bytes) {
    ENGINE_ASSERT(!state_->finished);
    ENGINE_ASSERT(EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()) == 1);
}

std::string Sha256::hex_digest() {
    ENGINE_ASSERT(!state_->finished);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    ENGINE_ASSERT(EVP_DigestFinal_ex(state_->context, digest, &length) == 1);
    state_->finished = true;
    return to_hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string Sha256::of(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

}  // namespace revshare
