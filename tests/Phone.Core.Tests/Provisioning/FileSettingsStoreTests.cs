// Host file store: records round-trip, absent records read -1, names cannot escape the directory.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.IO;
    using Phone.Host.Storage;

    public class FileSettingsStoreTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "phone-store-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        }

        [Fact]
        public void WriteReadDeleteRoundTrip()
        {
            var store = new FileSettingsStore(_dir);
            byte[] buffer = new byte[16];
            Assert.Equal(-1, store.Read("cfg.a", buffer, 0, buffer.Length));
            Assert.True(store.Write("cfg.a", new byte[] { 9, 1, 2, 3, 9 }, 1, 3));
            Assert.Equal(3, store.Read("cfg.a", buffer, 2, buffer.Length - 2));
            Assert.Equal(new byte[] { 1, 2, 3 }, buffer.AsSpan(2, 3).ToArray());
            Assert.True(store.Write("cfg.a", new byte[] { 7 }, 0, 1));
            Assert.Equal(1, store.Read("cfg.a", buffer, 0, buffer.Length));
            Assert.True(store.Delete("cfg.a"));
            Assert.Equal(-1, store.Read("cfg.a", buffer, 0, buffer.Length));
        }

        [Fact]
        public void LongRecordReportsFullLengthButCopiesOnlyMax()
        {
            var store = new FileSettingsStore(_dir);
            Assert.True(store.Write("big", new byte[] { 1, 2, 3, 4, 5, 6 }, 0, 6));
            byte[] buffer = new byte[4];
            Assert.Equal(6, store.Read("big", buffer, 0, 4));
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, buffer);
        }

        [Theory]
        [InlineData("../evil")]
        [InlineData("a/b")]
        [InlineData("")]
        [InlineData(".hidden")]
        public void NamesOutsideTheAlphabetAreRefused(string name)
        {
            var store = new FileSettingsStore(_dir);
            Assert.False(store.Write(name, new byte[] { 1 }, 0, 1));
            Assert.Equal(-1, store.Read(name, new byte[4], 0, 4));
        }
    }
}
