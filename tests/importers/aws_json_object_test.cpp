// JsonObject: the strict flat-JSON-object reader used for CUR 2.0 map cells.
#include "importers/json_object.hpp"

#include <doctest/doctest.h>

#include <string>

using revshare::importers::append_json_string;
using revshare::importers::JsonObject;

namespace {

std::string canonical(std::string_view text) {
    JsonObject object;
    std::string error;
    REQUIRE_MESSAGE(object.parse(text, error), error);
    std::string out;
    object.write_sorted(out);
    return out;
}

std::string parse_error(std::string_view text) {
    JsonObject object;
    std::string error;
    CHECK_FALSE(object.parse(text, error));
    CHECK(object.empty());
    return error;
}

}  // namespace

TEST_CASE("AWS JsonObject: scalar values, whitespace, canonical output") {
    CHECK(canonical("{}") == "{}");
    CHECK(canonical(" \t{ }\r\n") == "{}");
    CHECK(canonical(R"({"b": "2", "a" : 1})") == R"({"a":1,"b":"2"})");
    CHECK(canonical(R"({"n":-0.5e+10,"z":0,"t":true,"f":false,"x":null})") ==
          R"({"f":false,"n":-0.5e+10,"t":true,"x":null,"z":0})");
    CHECK(canonical(R"({"":""})") == R"({"":""})");
    // Keys differing only by a leading space are different keys (formats.md pitfall 10).
    CHECK(canonical(R"({"org":"a"," org":"b"})") == R"({" org":"b","org":"a"})");
}

TEST_CASE("AWS JsonObject: escapes") {
    CHECK(canonical(R"({"k":"\"\\\/\b\f\n\r\t"})") == R"({"k":"\"\\/\b\f\n\r\t"})");
    CHECK(canonical(R"({"k":"\u0041\u00e9\u20ac"})") == "{\"k\":\"A\xC3\xA9\xE2\x82\xAC\"}");
    CHECK(canonical(R"({"k":"\ud83d\ude00"})") == "{\"k\":\"\xF0\x9F\x98\x80\"}");
    CHECK(canonical(R"({"k":"\u0001"})") == R"({"k":"\u0001"})");
    CHECK(canonical("{\"k\":\"caf\xC3\xA9\"}") == "{\"k\":\"caf\xC3\xA9\"}");  // raw UTF-8 kept
}

TEST_CASE("AWS JsonObject: find") {
    JsonObject object;
    std::string error;
    REQUIRE(object.parse(R"({"product_name":"Amazon Bedrock","region":"us-east-1","n":12})", error));
    CHECK(object.size() == 3);
    REQUIRE(object.find("region").has_value());
    CHECK(object.find("region")->value == "us-east-1");
    CHECK(object.find("region")->kind == JsonObject::Kind::string);
    CHECK(object.find("n")->value == "12");
    CHECK(object.find("n")->kind == JsonObject::Kind::number);
    CHECK_FALSE(object.find("Region").has_value());
    CHECK_FALSE(object.find("zzz").has_value());
    // Reused: a second parse replaces the first.
    REQUIRE(object.parse(R"({"a":"b"})", error));
    CHECK(object.size() == 1);
    CHECK_FALSE(object.find("region").has_value());
}

TEST_CASE("AWS JsonObject: malformed text is refused with the byte offset") {
    CHECK(parse_error("") == "at byte 1: expected '{' (a JSON object)");
    CHECK(parse_error("[]") == "at byte 1: expected '{' (a JSON object)");
    CHECK(parse_error("{") == "at byte 2: expected a string key");
    CHECK(parse_error("{'a':1}") == "at byte 2: expected a string key");
    CHECK(parse_error(R"({"a":1,})") == "at byte 8: expected a string key");
    CHECK(parse_error(R"({"a" 1})") == "at byte 6: expected ':' after a key");
    CHECK(parse_error(R"({"a":1 "b":2})") == "at byte 8: expected ',' or '}' after a value");
    CHECK(parse_error(R"({"a":[1]})") == "at byte 6: nested objects and arrays are not allowed (values must be scalars)");
    CHECK(parse_error(R"({"a":"x"} x)") == "at byte 11: unexpected text after the object");
    CHECK(parse_error(R"({"a":"x)") == "at byte 8: a string is not closed");
    CHECK(parse_error("{\"a\":\"x\ny\"}") == "at byte 8: a control character must be escaped in a string");
    CHECK(parse_error(R"({"a":"\x"})") == "at byte 8: unknown escape sequence in a string");
    CHECK(parse_error(R"({"a":"\u12G4"})") == "at byte 11: expected four hex digits after \\u");
    CHECK(parse_error(R"({"a":"\ude00"})") == "at byte 13: a low surrogate without a high surrogate");
    CHECK(parse_error(R"({"a":"\ud83d"})") == "at byte 13: a high surrogate must be followed by a low surrogate");
    CHECK(parse_error(R"({"a":01})") == "at byte 7: a number must not have a leading zero");
    CHECK(parse_error(R"({"a":1.})") == "at byte 8: expected digits after the decimal point");
    CHECK(parse_error(R"({"a":1e})") == "at byte 8: expected digits in the exponent");
    CHECK(parse_error(R"({"a":+1})") == "at byte 6: expected a string, number, true, false or null");
    CHECK(parse_error(R"({"a":tru})") == "at byte 6: expected a string, number, true, false or null");
    CHECK(parse_error(R"({"a":NaN})") == "at byte 6: expected a string, number, true, false or null");
    CHECK(parse_error(R"({"a":1,"a":2})") == "duplicate key \"a\"");
}

TEST_CASE("AWS JsonObject: append_json_string escapes what JSON requires") {
    std::string out;
    append_json_string(out, "a\"b\\c\n\x01\x1f/\xC3\xA9");
    CHECK(out == "\"a\\\"b\\\\c\\n\\u0001\\u001f/\xC3\xA9\"");
}
