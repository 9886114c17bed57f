#include <catch2/catch.hpp>
#include "AST.h"
#include "Diagnostics.h"
TEST_CASE("placeholder") { REQUIRE(true); }
