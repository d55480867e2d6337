// @brief Bearer tokens: equality in constant time, the Authorization header's forms, and
// reading the token file.
#include <catch2/catch.hpp>

#include "bearer_auth.hpp"
#include "diplosearch/errors.hpp"
#include "support/test_env.hpp"

using diplosearch::server::BearerAuth;
using diplosearch::server::constant_time_equal;
using diplosearch::server::read_token_file;

TEST_CASE("constant_time_equal is plain equality", "[server][auth]") {
    CHECK(constant_time_equal("s3cret", "s3cret"));
    CHECK_FALSE(constant_time_equal("s3creT", "s3cret"));
    CHECK_FALSE(constant_time_equal("s3cre", "s3cret"));
    CHECK_FALSE(constant_time_equal("s3crets3cret", "s3cret"));
    CHECK_FALSE(constant_time_equal("", "s3cret"));
    // A repeating prefix must not pass for the whole token.
    CHECK_FALSE(constant_time_equal("ab", "abab"));
    CHECK(constant_time_equal("", ""));
}

TEST_CASE("BearerAuth checks the Authorization header", "[server][auth]") {
    const BearerAuth off("");
    CHECK_FALSE(off.enabled());
    CHECK(off.allows(""));
    const BearerAuth on("tok-123");
    CHECK(on.enabled());
    CHECK(on.allows("Bearer tok-123"));
    CHECK(on.allows("bearer tok-123"));
    CHECK_FALSE(on.allows("Bearer tok-124"));
    CHECK_FALSE(on.allows("Basic tok-123"));
    CHECK_FALSE(on.allows("tok-123"));
    CHECK_FALSE(on.allows(""));
}

TEST_CASE("the token file holds the token on its first line", "[server][auth]") {
    diplosearch::test::TempDir dir;
    diplosearch::test::write_file(dir / "token", "  tok-123 \n");
    CHECK(read_token_file(dir / "token") == "tok-123");
    diplosearch::test::write_file(dir / "empty", "\n");
    CHECK_THROWS_AS(read_token_file(dir / "empty"), diplosearch::UsageError);
    CHECK_THROWS_AS(read_token_file(dir / "missing"), diplosearch::UsageError);
}
