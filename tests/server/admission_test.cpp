// @brief The worker pool's gate: running and waiting places, refusal when full, refusal at
// the deadline, and places handed on as requests finish.
#include <catch2/catch.hpp>
#include <future>
#include <optional>

#include "admission.hpp"

using diplosearch::server::AdmissionControl;
using diplosearch::server::ServiceUnavailable;
using namespace std::chrono_literals;

TEST_CASE("requests beyond the workers wait, beyond the queue are refused", "[server][admission]") {
    AdmissionControl gate(1, 1);
    const auto far = AdmissionControl::Clock::now() + 10s;
    std::optional<AdmissionControl::Slot> first;
    first.emplace(gate.admit(far));
    CHECK(gate.running() == 1);

    auto second = std::async(std::launch::async, [&] { return gate.admit(far); });
    while (gate.waiting() == 0) std::this_thread::sleep_for(1ms);
    // Running 1 of 1 and waiting 1 of 1: a third is refused at once.
    CHECK_THROWS_AS(gate.admit(far), ServiceUnavailable);

    first.reset();
    {
        const auto slot = second.get();
        CHECK(gate.running() == 1);
        CHECK(gate.waiting() == 0);
    }
    CHECK(gate.running() == 0);
}

TEST_CASE("a request still waiting at its deadline is refused", "[server][admission]") {
    AdmissionControl gate(1, 4);
    const auto held = gate.admit(AdmissionControl::Clock::now() + 10s);
    const auto start = AdmissionControl::Clock::now();
    CHECK_THROWS_AS(gate.admit(start + 50ms), ServiceUnavailable);
    CHECK(AdmissionControl::Clock::now() - start >= 50ms);
    CHECK(gate.waiting() == 0);
}
