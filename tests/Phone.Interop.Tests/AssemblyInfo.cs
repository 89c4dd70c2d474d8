// Interop tests share two CPU cores with the rest of CI and each starts real peers: run them one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
