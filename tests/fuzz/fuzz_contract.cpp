// libFuzzer target: the contract loader (engine/rules/contract_parse) on arbitrary text.
// Properties: it never crashes or throws; a contract comes back iff there are no errors; every
// error names the file and has a message; errors come in file order.
#include "engine/rules/contract_parse.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace revshare;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = rules::parse_contract(text, "fuzz.toml");
    fuzz::require(parsed.contract.has_value() == parsed.errors.empty(), "a contract iff no errors");
    for (const auto& error : parsed.errors) {
        fuzz::require(error.location.file == "fuzz.toml", "an error names the file");
        fuzz::require(!error.message.empty(), "an error has a message");
        fuzz::require(error.code == DiagnosticCode::contract_invalid, "an error has the contract-invalid code");
        fuzz::require(error.location.line >= 0, "an error's line is 0 (whole file) or a line");
    }
    return 0;
}
