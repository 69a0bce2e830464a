#include "schema/line_dimensions.hpp"
#include "schema/stored_values.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>

namespace revshare::schema {
namespace {

// From the current row: result column first_column + i into ids[columns[i]] (the other ids 0).
void read_text_ids(sqlite3_stmt* query, int first_column, const std::vector<std::size_t>& columns, rules::TextIds& ids) {
    ids.fill(0);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        ids[columns[i]] = sqlite3_column_int64(query, first_column + static_cast<int>(i));
    }
}

}  // namespace

const char* line_text_column_sql(std::size_t column) {
    static constexpr const char* names[text_column_count] = {
        "provider_name", "publisher_name", "invoice_issuer_name", "billing_account_id", "sub_account_id",
        "charge_category", "charge_class", "service_name", "sku_id", "sku_meter", "region_id", "billing_currency",
        "consumed_unit", "x_service_code", "x_usage_type", "x_operation", "x_sku_meter_category",
        "x_sku_meter_subcategory", "x_sku_meter_name", "x_publisher_category", "host_provider_name",
        "service_provider_name", "x_sku_price_model_developer", "x_sku_price_model_family", "x_sku_price_model_id",
        "x_sku_price_model_version", "x_sku_price_token_direction", "x_sku_price_token_cache_action", "invoice_id",
        "x_marketplace_action", "x_transaction_type", "x_payment_status", "x_product_id", "x_offer_id",
        "x_agreement_id", "x_broker_id"};
    ENGINE_ASSERT(column < text_column_count);
    return names[column];
}

LineDimensionsCache::LineDimensionsCache(sqlite3* handle, const std::vector<std::size_t>& columns)
    : handle_(handle), columns_(columns) {
    std::string sql = "SELECT dimensions_id";
    for (const std::size_t column : columns_) sql += std::string(", ") + line_text_column_sql(column);
    sql += " FROM line_dimensions WHERE dimensions_id >= ?1 AND dimensions_id < ?2";
    const int result = sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &query_, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(handle_, result);
}

LineDimensionsCache::~LineDimensionsCache() { sqlite3_finalize(query_); }

const rules::TextIds& LineDimensionsCache::text_ids(std::int64_t dimensions_id) {
    Entry& entry = slot(dimensions_id);
    if (entry.id != dimensions_id) {
        load_block(dimensions_id);
        // line.dimensions_id names a line_dimensions row (a foreign key).
        if (entry.id != dimensions_id) {
            throw_missing_row("line_dimensions " + std::to_string(dimensions_id) + ", named by a stored line");
        }
    }
    return entry.ids;
}

LineDimensionsCache::Entry& LineDimensionsCache::slot(std::int64_t dimensions_id) {
    const std::size_t index = static_cast<std::size_t>(dimensions_id) & (entries - 1);
    auto& page = pages_[index / page_entries];
    if (!page) page = std::make_unique<Entry[]>(page_entries);
    return page[index % page_entries];
}

void LineDimensionsCache::load_block(std::int64_t first_id) {
    sqlite3_reset(query_);
    sqlite3_bind_int64(query_, 1, first_id);
    sqlite3_bind_int64(query_, 2, first_id + block);
    int result = SQLITE_ROW;
    while ((result = sqlite3_step(query_)) == SQLITE_ROW) {
        const std::int64_t id = sqlite3_column_int64(query_, 0);
        Entry& entry = slot(id);
        entry.id = id;
        read_text_ids(query_, 1, columns_, entry.ids);
    }
    if (result != SQLITE_DONE) throw SQLite::Exception(handle_, result);
    sqlite3_reset(query_);  // no statement left open on the table
}

}  // namespace revshare::schema
