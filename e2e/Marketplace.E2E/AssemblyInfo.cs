using Marketplace.E2E.Infrastructure;

// One app server and one Chromium for every journey: starting them is most of a browser test's cost.
[assembly: AssemblyFixture(typeof(BrowserFixture))]

// The journeys share that server and a 2-core machine; one at a time keeps each one's waits about its own work.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
