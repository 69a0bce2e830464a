#pragma once
// BackgroundTask: one function run on a thread of its own, beside the caller's work; get()
// waits for it and returns its result, or rethrows what it threw. Destroying it waits too.
// The function must not use the caller's SQLite connection (give it what it needs, read first).
#include <functional>
#include <future>
#include <utility>

namespace revshare::app {

template <class Result>
class BackgroundTask {
public:
    explicit BackgroundTask(std::function<Result()> work) : result_(std::async(std::launch::async, std::move(work))) {}
    [[nodiscard]] Result get() { return result_.get(); }

private:
    std::future<Result> result_;
};

}  // namespace revshare::app
