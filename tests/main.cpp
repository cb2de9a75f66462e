// The one translation unit that compiles Catch2's main (slow); every *_test.cpp links to it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
