#pragma once
// Signed closes (docs/auditing.md "Signed closes"): the Ed25519 key files, signing a close
// record, and verify's check of the stored signatures against public keys kept outside the
// database.
#include "engine/core/signature.hpp"
#include "schema/close_store.hpp"
#include "schema/database.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace revshare::app {

// `what` names the option in messages ("close: --sign-key").
[[nodiscard]] SigningKey read_signing_key(const std::filesystem::path& path, const std::string& what);
[[nodiscard]] PublicKey read_public_key(const std::filesystem::path& path, const std::string& what);

// The key of `keys` whose id (SigningKey::key_id) is `key_id`, or nullptr.
[[nodiscard]] const PublicKey* key_named(const std::vector<PublicKey>& keys, const std::string& key_id);

[[nodiscard]] schema::CloseSignature sign_close(const SigningKey& key, const schema::PeriodClose& close);

// Whether `signature` is `key`'s signature of `close`'s record.
[[nodiscard]] bool signature_holds(const PublicKey& key, const schema::PeriodClose& close,
                                   const schema::CloseSignature& signature);

// verify's findings. Always: a signature whose close is gone. With `keys` (verify
// --public-key): every signature must be one of the keys' and hold for its close's record as
// stored, and every contract's latest close must be signed (the closes before a signed one are
// covered by its chain hash, which the signature covers).
[[nodiscard]] std::vector<std::string> close_signature_problems(schema::Database& db, const std::vector<PublicKey>& keys);

}  // namespace revshare::app
