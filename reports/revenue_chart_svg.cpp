#include "reports/revenue_chart_svg.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace revshare::reports {
namespace {

constexpr std::int64_t chart_width = 680;
constexpr std::int64_t plot_top = 30;  // legend, then the largest bar's label
constexpr std::int64_t plot_height = 200;  // pixels for the largest month
constexpr std::int64_t plot_left = 10;
constexpr std::int64_t bar_pitch = 54;  // 12 months fit: 10 + 12 × 54 = 658 < 680
constexpr std::int64_t bar_width = 38;
constexpr const char* palette[] = {"#1f5f99", "#e07b28", "#3d9a50", "#b8463a", "#7e5aa6", "#8c6a48"};

// Whole minor units, for pixel geometry only (never written as an amount). Negative months
// (refunds beyond revenue) draw no bar.
std::int64_t minor_units(const Decimal& value, const Currency& currency) {
    if (value.sign() <= 0) return 0;
    const auto scaled = value.round(currency.minor_units(), RoundingMode::half_even).to_scaled_int64(currency.minor_units());
    return scaled.value_or(0);
}

std::vector<std::string> providers_of(const std::vector<MonthRevenue>& months) {
    std::set<std::string> names;
    for (const auto& month : months) {
        for (const auto& [provider, amount] : month.by_provider) names.insert(provider);
    }
    return {names.begin(), names.end()};
}

Decimal total_of(const MonthRevenue& month) {
    Decimal total;
    for (const auto& [provider, amount] : month.by_provider) total += amount;
    return total;
}

std::string legend(const std::vector<std::string>& providers) {
    std::string svg;
    for (std::size_t i = 0; i < providers.size(); ++i) {
        const auto x = std::to_string(plot_left + static_cast<std::int64_t>(i) * 140);
        svg += "<rect x=\"" + x + "\" y=\"0\" width=\"10\" height=\"10\" fill=\"" + palette[i % std::size(palette)] + "\"/>";
        svg += "<text x=\"" + std::to_string(plot_left + static_cast<std::int64_t>(i) * 140 + 14) + "\" y=\"9\">" +
               html_escape(providers[i]) + "</text>";
    }
    return svg;
}

}  // namespace

std::string revenue_chart_svg(const std::vector<MonthRevenue>& months, const Currency& currency) {
    const auto providers = providers_of(months);
    std::int64_t largest = 1;
    for (const auto& month : months) largest = std::max(largest, minor_units(total_of(month), currency));
    const std::int64_t height = plot_top + plot_height + 40;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + std::to_string(chart_width) +
                      "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(chart_width) + " " +
                      std::to_string(height) + "\" role=\"img\" aria-label=\"Matched revenue by month and provider\">";
    svg += legend(providers);
    const std::int64_t baseline = plot_top + plot_height;
    svg += "<line x1=\"0\" y1=\"" + std::to_string(baseline) + "\" x2=\"" + std::to_string(chart_width) + "\" y2=\"" +
           std::to_string(baseline) + "\" stroke=\"#888\"/>";
    for (std::size_t m = 0; m < months.size(); ++m) {
        const std::int64_t x = plot_left + static_cast<std::int64_t>(m) * bar_pitch;
        std::int64_t top = baseline;
        for (const auto& [provider, amount] : months[m].by_provider) {
            // Range: minor units ≤ largest, so amount × plot_height fits int64 for any total < 4.6e16.
            const std::int64_t pixels = minor_units(amount, currency) * plot_height / largest;
            const auto index = static_cast<std::size_t>(std::find(providers.begin(), providers.end(), provider) - providers.begin());
            top -= pixels;
            svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top) + "\" width=\"" +
                   std::to_string(bar_width) + "\" height=\"" + std::to_string(pixels) + "\" fill=\"" +
                   palette[index % std::size(palette)] + "\"><title>" + html_escape(provider) + " " +
                   months[m].period.to_string() + ": " + amount.to_string_min_places(currency.minor_units()) +
                   "</title></rect>";
        }
        svg += "<text x=\"" + std::to_string(x + bar_width / 2) + "\" y=\"" + std::to_string(top - 3) +
               "\" text-anchor=\"middle\">" + total_of(months[m]).round(0, RoundingMode::half_even).to_string() + "</text>";
        svg += "<text x=\"" + std::to_string(x + bar_width / 2) + "\" y=\"" + std::to_string(baseline + 14) +
               "\" text-anchor=\"middle\">" + months[m].period.to_string() + "</text>";
    }
    svg += "</svg>";
    return svg;
}

std::string revenue_table_html(const std::vector<MonthRevenue>& months, const Currency& currency) {
    const auto providers = providers_of(months);
    std::string html = "<table class=\"revenue\"><thead><tr><th>period</th>";
    for (const auto& provider : providers) html += "<th class=\"num\">" + html_escape(provider) + "</th>";
    html += "<th class=\"num\">total</th></tr></thead><tbody>";
    for (const auto& month : months) {
        html += "<tr><td>" + month.period.to_string() + "</td>";
        for (const auto& provider : providers) {
            Decimal amount;
            for (const auto& [name, value] : month.by_provider) {
                if (name == provider) amount = value;
            }
            html += "<td class=\"num\">" + amount.to_string_min_places(currency.minor_units()) + "</td>";
        }
        html += "<td class=\"num\">" + total_of(month).to_string_min_places(currency.minor_units()) + "</td></tr>";
    }
    return html + "</tbody></table>";
}

}  // namespace revshare::reports
