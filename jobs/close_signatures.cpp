#include "jobs/close_signatures.hpp"

#include "engine/core/error.hpp"
#include "engine/core/hex.hpp"
#include "runtime/small_file.hpp"

#include <map>

namespace revshare::app {
namespace {

constexpr std::size_t key_file_limit = 64 * 1024;  // a PEM key is a few hundred bytes

std::string close_name(const std::string& contract_id, const std::string& period) {
    return "closed " + contract_id + " " + period;
}

}  // namespace

const PublicKey* key_named(const std::vector<PublicKey>& keys, const std::string& key_id) {
    for (const auto& key : keys) {
        if (key.key_id() == key_id) return &key;
    }
    return nullptr;
}

SigningKey read_signing_key(const std::filesystem::path& path, const std::string& what) {
    return SigningKey(read_small_file(path, key_file_limit, what), what + " " + path.string());
}

PublicKey read_public_key(const std::filesystem::path& path, const std::string& what) {
    return PublicKey(read_small_file(path, key_file_limit, what), what + " " + path.string());
}

schema::CloseSignature sign_close(const SigningKey& key, const schema::PeriodClose& close) {
    return schema::CloseSignature{.contract_id = close.contract_id,
                                  .period = close.period.to_string(),
                                  .public_key_sha256 = key.key_id(),
                                  .signature_hex = to_hex(key.sign(schema::close_record_text(close)))};
}

bool signature_holds(const PublicKey& key, const schema::PeriodClose& close, const schema::CloseSignature& signature) {
    std::string raw;
    try {
        raw = from_hex(signature.signature_hex, "signature");
    } catch (const Error&) {
        return false;
    }
    return key.key_id() == signature.public_key_sha256 && key.verifies(schema::close_record_text(close), raw);
}

std::vector<std::string> close_signature_problems(schema::Database& db, const std::vector<PublicKey>& keys) {
    std::map<std::pair<std::string, std::string>, schema::PeriodClose> closes;
    std::map<std::string, schema::PeriodClose> latest;  // per contract
    for (auto& close : schema::load_period_closes(db, "")) {
        latest.insert_or_assign(close.contract_id, close);
        closes.emplace(std::pair(close.contract_id, close.period.to_string()), std::move(close));
    }
    std::vector<std::string> problems;
    std::map<std::pair<std::string, std::string>, bool> signed_closes;
    for (const auto& signature : schema::load_close_signatures(db)) {
        const auto key = std::pair(signature.contract_id, signature.period);
        const std::string name = close_name(signature.contract_id, signature.period);
        const auto close = closes.find(key);
        if (close == closes.end()) {
            problems.push_back(name + ": a signature is stored for this close, but the close is gone (a closed period's "
                               "record was deleted)");
            continue;
        }
        signed_closes[key] = true;
        if (keys.empty()) continue;
        const PublicKey* public_key = key_named(keys, signature.public_key_sha256);
        if (public_key == nullptr) {
            problems.push_back(name + ": signed by key " + signature.public_key_sha256 +
                               ", which is not a key given with --public-key");
        } else if (!signature_holds(*public_key, close->second, signature)) {
            problems.push_back(name + ": its signature does not hold for the close record as stored (the close or its "
                               "signature was changed after it was signed)");
        }
    }
    if (keys.empty()) return problems;
    for (const auto& [contract_id, close] : latest) {
        if (signed_closes.contains(std::pair(contract_id, close.period.to_string()))) continue;
        problems.push_back(close_name(contract_id, close.period.to_string()) +
                           ": the contract's latest close is not signed; with --public-key it must be (close --sign-key "
                           "FILE), since its signature is what covers the closes before it");
    }
    return problems;
}

}  // namespace revshare::app
