#include <catch2/catch.hpp>

#include "models/common/ipv4.hpp"

using vpnsim::net::Ipv4Addr;
using vpnsim::net::Ipv4Prefix;

TEST_CASE("ipv4 - addresses parse strictly", "[ipv4]") {
    CHECK(Ipv4Addr::parse("203.0.113.10")->to_string() == "203.0.113.10");
    CHECK(Ipv4Addr::parse("0.0.0.0")->value == 0);
    CHECK_FALSE(Ipv4Addr::parse("256.0.0.1"));
    CHECK_FALSE(Ipv4Addr::parse("1.2.3"));
    CHECK_FALSE(Ipv4Addr::parse("1.2.3.4.5"));
    CHECK_FALSE(Ipv4Addr::parse("01.2.3.4"));
    CHECK_FALSE(Ipv4Addr::parse("1.2.3.x"));
    CHECK_FALSE(Ipv4Addr::parse(""));
}

TEST_CASE("ipv4 - prefixes reject host bits and bad lengths", "[ipv4]") {
    const auto p = Ipv4Prefix::parse("169.254.10.0/30");
    REQUIRE(p);
    CHECK(p->nth(1).to_string() == "169.254.10.1");
    CHECK(p->nth(2).to_string() == "169.254.10.2");
    CHECK(p->last().to_string() == "169.254.10.3");
    CHECK_FALSE(Ipv4Prefix::parse("10.0.0.1/16"));
    CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0/33"));
    CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0"));
    CHECK(Ipv4Prefix::parse("0.0.0.0/0")->contains(*Ipv4Addr::parse("169.254.10.1")));
    CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0/16")->contains(*Ipv4Addr::parse("169.254.10.1")));
}
