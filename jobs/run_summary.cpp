#include "jobs/run_summary.hpp"

#include "engine/core/diagnostic.hpp"
#include "importers/csv/csv_reader.hpp"

#include <algorithm>
#include <cstdio>

namespace revshare::app {
namespace {

using Status = ImportFileOutcome::Status;

// A JSON string literal (RFC 8259): quote, backslash and control characters escaped; other
// bytes (UTF-8) as they are. JSON is UTF-8: text that is not (a file name is any bytes) is
// written as printable() shows it, its stray bytes as the four characters \xNN.
std::string json_string(const std::string& text) {
    if (!importers::is_valid_utf8(text)) return json_string(printable(text));
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string status_name(Status status) {
    switch (status) {
        case Status::imported: return "imported";
        case Status::already_imported: return "already_imported";
        case Status::refused: return "refused";
    }
    return "refused";
}

std::string file_as_json(const NightlyFileResult& file) {
    std::string out = "{\"file\": " + json_string(file.file) + ", \"status\": " + json_string(status_name(file.status));
    if (file.status != Status::refused) out += ", \"import_id\": " + std::to_string(file.import_id);
    if (file.status == Status::imported) {
        out += ", \"rows_read\": " + std::to_string(file.rows_read) + ", \"lines\": " + std::to_string(file.lines) +
               ", \"quarantined\": " + std::to_string(file.quarantined) +
               ", \"superseded_imports\": " + std::to_string(file.superseded_imports);
    }
    return out + "}";
}

std::string skipped_as_json(const SkippedFile& skipped) {
    return "{\"file\": " + json_string(skipped.file) + ", \"reason\": " + json_string(skipped.reason) + "}";
}

std::string settled_as_json(const SettledPeriod& settled) {
    std::string out = "{\"contract\": " + json_string(settled.contract_id) + ", \"period\": " +
                      json_string(settled.period.to_string()) + ", \"run_id\": " + std::to_string(settled.run_id) +
                      ", \"net\": [";
    for (std::size_t i = 0; i < settled.net.size(); ++i) {
        const NetAmount& net = settled.net[i];
        out += std::string(i == 0 ? "" : ", ") + "{\"from_party\": " + json_string(net.from_party) +
               ", \"to_party\": " + json_string(net.to_party) + ", \"currency\": " + json_string(net.currency) +
               ", \"amount\": " + json_string(net.amount) + "}";
    }
    out += "], \"adjustments\": [";
    for (std::size_t i = 0; i < settled.adjustments.size(); ++i) {
        out += std::string(i == 0 ? "" : ", ") + "{\"for_period\": " + json_string(settled.adjustments[i].first) +
               ", \"rows\": " + std::to_string(settled.adjustments[i].second) + "}";
    }
    return out + "]}";
}

std::string interruption_as_json(const std::optional<Interruption>& interrupted) {
    if (!interrupted) return "null";
    return "{\"signal\": " + json_string(interrupted->signal) + ", \"point\": " + json_string(interrupted->point) + "}";
}

std::string stopped_as_json(const StoppedContract& stopped) {
    return "{\"contract\": " + json_string(stopped.contract_id) + ", \"period\": " + json_string(stopped.period) +
           ", \"reason\": " + json_string(stopped.reason) + ", \"exit_code\": " + std::to_string(stopped.exit_code) + "}";
}

// `"key": [` then one element per line, or `"key": []`.
std::string json_list(const std::string& key, const std::vector<std::string>& elements) {
    if (elements.empty()) return "  " + json_string(key) + ": []";
    std::string out = "  " + json_string(key) + ": [\n";
    for (std::size_t i = 0; i < elements.size(); ++i) out += "    " + elements[i] + (i + 1 < elements.size() ? ",\n" : "\n");
    return out + "  ]";
}

template <class T, class F>
std::vector<std::string> map_all(const std::vector<T>& values, F render) {
    std::vector<std::string> out;
    out.reserve(values.size());
    for (const auto& value : values) out.push_back(render(value));
    return out;
}

std::string net_text(const SettledPeriod& settled) {
    if (settled.net.empty()) return "every pair of parties nets to zero";
    std::string text;
    for (const auto& net : settled.net) {
        if (!text.empty()) text += ", ";
        text += net.from_party + " pays " + net.to_party + " " + net.amount + " " + net.currency;
    }
    return text;
}

constexpr std::size_t skipped_shown_max = 20;  // in the text; run-summary.json lists every one

// `  files left alone: N` and the first of them with why; nothing when there are none.
std::string skipped_text(const std::vector<SkippedFile>& skipped) {
    if (skipped.empty()) return "";
    std::string text = "  files left alone: " + std::to_string(skipped.size()) + "\n";
    for (std::size_t i = 0; i < std::min(skipped.size(), skipped_shown_max); ++i) {
        text += "    " + printable(skipped[i].file) + ": " + printable(skipped[i].reason) + "\n";
    }
    if (skipped.size() > skipped_shown_max) {
        text += "    ... and " + std::to_string(skipped.size() - skipped_shown_max) + " more (run-summary.json lists every one)\n";
    }
    return text;
}

std::string plural(std::int64_t count, const std::string& word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

std::string exit_text(const RunSummary& summary) {
    const int code = summary.exit_code();
    if (summary.interrupted) {
        return "exit " + std::to_string(code) + ": interrupted by " + summary.interrupted->signal + " at " +
               summary.interrupted->point +
               ": what is listed above was done and is kept, the step under way was rolled back; the next run goes on";
    }
    if (code == 0) return "exit 0: all done";
    if (code == 1) {
        std::string what;
        if (summary.rows_quarantined() > 0) what = plural(summary.rows_quarantined(), "row") + " quarantined";
        if (const auto refused = summary.count_files(Status::refused); refused > 0) {
            what += std::string(what.empty() ? "" : ", ") + plural(refused, "file") + " refused";
        }
        return "exit 1: done, but a person should look: " + what + " (messages above; revshare imports)";
    }
    if (code == 2) return "exit 2: a settlement was stopped (see stopped); everything else was done";
    return "exit " + std::to_string(code) + ": an internal invariant failed (see stopped); everything else was done";
}

}  // namespace

std::int64_t RunSummary::count_files(Status status) const {
    return std::count_if(files.begin(), files.end(), [&](const NightlyFileResult& file) { return file.status == status; });
}

std::int64_t RunSummary::rows_quarantined() const {
    std::int64_t total = 0;
    for (const auto& file : files) total += file.quarantined;
    return total;
}

int RunSummary::exit_code() const {
    if (interrupted) return interrupted->exit_code;
    int code = 0;
    for (const auto& stopped_contract : stopped) code = std::max(code, stopped_contract.exit_code);
    if (code == 0 && (rows_quarantined() > 0 || count_files(Status::refused) > 0)) code = 1;
    return code;
}

std::string summary_as_text(const RunSummary& summary, const std::string& out_dir) {
    std::string text = "summary:\n";
    text += "  files imported: " + std::to_string(summary.count_files(Status::imported)) + "\n";
    text += "  files skipped (already imported): " + std::to_string(summary.count_files(Status::already_imported)) + "\n";
    text += "  files refused: " + std::to_string(summary.count_files(Status::refused)) + "\n";
    text += skipped_text(summary.skipped);
    text += "  rows quarantined: " + std::to_string(summary.rows_quarantined()) + "\n";
    if (summary.quarantined_unresolved > 0) {
        text += "  quarantined rows still unresolved (every import so far): " +
                std::to_string(summary.quarantined_unresolved) + " (revshare quarantine lists them)\n";
    }
    text += "  periods settled: " + std::to_string(summary.settled.size()) + "\n";
    for (const auto& settled : summary.settled) {
        text += "    " + settled.contract_id + " " + settled.period.to_string() + " (run " + std::to_string(settled.run_id) +
                "): " + net_text(settled) + "\n";
    }
    for (const auto& stopped : summary.stopped) {
        text += "  stopped: " + stopped.contract_id + (stopped.period.empty() ? "" : " at " + stopped.period) + ": " +
                printable(stopped.reason) + "\n";
    }
    text += "  reports written: " + plural(static_cast<std::int64_t>(summary.reports_written.size()), "period") + ", in " +
            printable(out_dir) + "\n";
    if (!summary.reports_repaired.empty()) {
        text += "  reports rewritten because they were missing or different: " +
                plural(static_cast<std::int64_t>(summary.reports_repaired.size()), "period") + "\n";
    }
    return text + "  " + exit_text(summary) + "\n";
}

std::string summary_as_json(const RunSummary& summary, const std::string& finished_at) {
    std::string out = "{\n";
    out += "  \"command\": \"nightly\",\n";
    out += "  \"contract\": " + (summary.contract ? json_string(*summary.contract) : std::string("null")) + ",\n";
    out += "  \"exit_code\": " + std::to_string(summary.exit_code()) + ",\n";
    out += "  \"interrupted\": " + interruption_as_json(summary.interrupted) + ",\n";
    out += "  \"files_imported\": " + std::to_string(summary.count_files(Status::imported)) + ",\n";
    out += "  \"files_skipped\": " + std::to_string(summary.count_files(Status::already_imported)) + ",\n";
    out += "  \"files_refused\": " + std::to_string(summary.count_files(Status::refused)) + ",\n";
    out += "  \"rows_quarantined\": " + std::to_string(summary.rows_quarantined()) + ",\n";
    out += "  \"periods_settled\": " + std::to_string(summary.settled.size()) + ",\n";
    out += json_list("files", map_all(summary.files, file_as_json)) + ",\n";
    out += json_list("skipped", map_all(summary.skipped, skipped_as_json)) + ",\n";
    out += json_list("settled", map_all(summary.settled, settled_as_json)) + ",\n";
    out += json_list("stopped", map_all(summary.stopped, stopped_as_json)) + ",\n";
    out += json_list("reports_written", map_all(summary.reports_written, json_string)) + ",\n";
    out += json_list("reports_repaired", map_all(summary.reports_repaired, json_string)) + ",\n";
    out += "  \"started_at\": " + json_string(summary.started_at) + ",\n";
    out += "  \"finished_at\": " + json_string(finished_at) + ",\n";
    out += "  \"duration_ms\": " + std::to_string(summary.duration_ms) + ",\n";
    return out + "  \"quarantined_unresolved\": " + std::to_string(summary.quarantined_unresolved) + "\n}\n";
}

}  // namespace revshare::app
