#include "engine/core/signature.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace revshare {
namespace {

constexpr std::size_t raw_public_key_bytes = 32;
constexpr std::size_t signature_bytes = 64;

struct PkeyDeleter {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct BioDeleter {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using MdContextPtr = std::unique_ptr<EVP_MD_CTX, MdContextDeleter>;

// Reads a PEM key; nullptr when the text is not one (OpenSSL's own error queue is cleared).
PkeyPtr read_pem(std::string_view pem, bool private_key) {
    if (pem.size() > 64 * 1024) return nullptr;  // a key is a few hundred bytes
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    ENGINE_ASSERT(bio != nullptr);
    EVP_PKEY* key = private_key ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(""))
                                : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    ERR_clear_error();
    return PkeyPtr(key);
}

std::string raw_public_key(EVP_PKEY* key) {
    std::string raw(raw_public_key_bytes, '\0');
    std::size_t length = raw.size();
    ENGINE_ASSERT(EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) == 1);
    ENGINE_ASSERT(length == raw_public_key_bytes);
    return raw;
}

PkeyPtr checked_key(std::string_view pem, bool private_key, const std::string& source) {
    PkeyPtr key = read_pem(pem, private_key);
    const char* what = private_key ? "private" : "public";
    if (!key && private_key && pem.find("ENCRYPTED") != std::string_view::npos) {
        throw Error(source + ": an encrypted private key; revshare reads an unencrypted one (openssl pkey -in KEY -out "
                             "PLAIN.key), kept where only the user who closes periods can read it");
    }
    if (!key) {
        throw Error(source + ": not a PEM " + std::string(what) + " key (make a key pair with revshare keygen --out PREFIX)");
    }
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
        throw Error(source + ": not an Ed25519 " + std::string(what) + " key (revshare signs with Ed25519; make a key pair " +
                    "with revshare keygen --out PREFIX)");
    }
    return key;
}

std::string write_pem(EVP_PKEY* key, bool private_key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    ENGINE_ASSERT(bio != nullptr);
    const int written = private_key ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                                    : PEM_write_bio_PUBKEY(bio.get(), key);
    ENGINE_ASSERT(written == 1);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    ENGINE_ASSERT(length > 0 && data != nullptr);
    return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace

Ed25519KeyPair generate_ed25519_key_pair() {
    PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    ENGINE_ASSERT(key != nullptr);
    return Ed25519KeyPair{write_pem(key.get(), true), write_pem(key.get(), false)};
}

struct SigningKey::Key {
    PkeyPtr pkey;
};

SigningKey::SigningKey(std::string_view pem, const std::string& source)
    : key_(std::make_unique<Key>(Key{checked_key(pem, true, source)})),
      key_id_(Sha256::of(raw_public_key(key_->pkey.get()))) {}
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;

std::string SigningKey::sign(std::string_view message) const {
    MdContextPtr context(EVP_MD_CTX_new());
    ENGINE_ASSERT(context != nullptr);
    ENGINE_ASSERT(EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_->pkey.get()) == 1);
    std::string signature(signature_bytes, '\0');
    std::size_t length = signature.size();
    ENGINE_ASSERT(EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                                 reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1);
    ENGINE_ASSERT(length == signature_bytes);
    return signature;
}

struct PublicKey::Key {
    PkeyPtr pkey;
};

PublicKey::PublicKey(std::string_view pem, const std::string& source)
    : key_(std::make_unique<Key>(Key{checked_key(pem, false, source)})),
      key_id_(Sha256::of(raw_public_key(key_->pkey.get()))) {}
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(PublicKey&&) noexcept = default;
PublicKey& PublicKey::operator=(PublicKey&&) noexcept = default;

bool PublicKey::verifies(std::string_view message, std::string_view signature) const {
    if (signature.size() != signature_bytes) return false;
    MdContextPtr context(EVP_MD_CTX_new());
    ENGINE_ASSERT(context != nullptr);
    ENGINE_ASSERT(EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key_->pkey.get()) == 1);
    const int result = EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                        signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                                        message.size());
    ERR_clear_error();
    return result == 1;
}

}  // namespace revshare
