#pragma once
// Ed25519 keys and signatures (OpenSSL's libcrypto): closes are signed with a private key kept
// off the database, and an auditor holding the public key checks them (docs/auditing.md).
// Keys travel as PEM: PKCS#8 for the private key, SubjectPublicKeyInfo for the public one,
// the forms `openssl pkeyutl -sign/-verify -rawin` reads. A signature is the raw 64 bytes.
#include <memory>
#include <string>
#include <string_view>

namespace revshare {

struct Ed25519KeyPair {
    std::string private_pem;
    std::string public_pem;
};

[[nodiscard]] Ed25519KeyPair generate_ed25519_key_pair();

class SigningKey {
public:
    // Throws revshare::Error naming `source` when `pem` is not an Ed25519 private key.
    SigningKey(std::string_view pem, const std::string& source);
    ~SigningKey();
    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;

    [[nodiscard]] std::string sign(std::string_view message) const;  // 64 raw bytes
    // SHA-256 of the raw 32-byte public key, hex: names the key in the database and in messages.
    [[nodiscard]] const std::string& key_id() const { return key_id_; }

private:
    struct Key;
    std::unique_ptr<Key> key_;
    std::string key_id_;
};

class PublicKey {
public:
    // Throws revshare::Error naming `source` when `pem` is not an Ed25519 public key.
    PublicKey(std::string_view pem, const std::string& source);
    ~PublicKey();
    PublicKey(PublicKey&&) noexcept;
    PublicKey& operator=(PublicKey&&) noexcept;

    [[nodiscard]] bool verifies(std::string_view message, std::string_view signature) const;
    [[nodiscard]] const std::string& key_id() const { return key_id_; }

private:
    struct Key;
    std::unique_ptr<Key> key_;
    std::string key_id_;
};

}  // namespace revshare
