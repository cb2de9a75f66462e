#include <catch2/catch.hpp>

#include "sim/report/json.hpp"

using vpnsim::report::JsonWriter;

TEST_CASE("json - compact objects read like CloudWatch's", "[report][json]") {
    JsonWriter w(0);
    w.begin_object().field("event_timestamp", std::int64_t{1673252138});
    w.field("details", "say \"hi\"\n").field("dpd_enabled", true);
    w.key("list").begin_array().value(1).value(2).end_array();
    w.key("empty").begin_object().end_object();
    w.end_object();
    CHECK(w.str() ==
          R"({"event_timestamp": 1673252138, "details": "say \"hi\"\n", "dpd_enabled": true, )"
          R"("list": [1, 2], "empty": {}})");
}

TEST_CASE("json - indented output like the AWS CLI", "[report][json]") {
    JsonWriter w(4);
    w.begin_object().key("A").begin_array().begin_object().field("Value", "x").end_object();
    w.end_array().end_object();
    CHECK(w.str() ==
          "{\n    \"A\": [\n        {\n            \"Value\": \"x\"\n        }\n    ]\n}");
    CHECK(vpnsim::report::json_escape(std::string_view("\x01", 1)) == "\\u0001");
}
