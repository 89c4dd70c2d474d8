// Our option tags are read from the Supported value itself (RFC 3261 §19.2: tags compare case-insensitively).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Text;
    using Phone.Core.Sip.Calls;

    public class OptionTagsTests
    {
        private static bool Supported(string token)
        {
            byte[] b = Encoding.ASCII.GetBytes("[" + token + "]");
            return OptionTags.IsSupported(b, 1, token.Length);
        }

        [Theory]
        [InlineData("timer")]
        [InlineData("100rel")]
        [InlineData("replaces")]
        [InlineData("TIMER")]
        [InlineData("100REL")]
        [InlineData("Replaces")]
        public void Every_tag_of_the_supported_value_is_supported_in_any_case(string token)
        {
            Assert.True(Supported(token));
            Assert.Contains(token.ToLowerInvariant(), OptionTags.SupportedValue);
        }

        [Theory]
        [InlineData("time")]
        [InlineData("timers")]
        [InlineData("replace")]
        [InlineData("100rel,")]
        [InlineData(" timer")]
        [InlineData("timer, 100rel")]
        [InlineData("norefersub")]
        [InlineData("")]
        public void Anything_else_is_not(string token) => Assert.False(Supported(token));
    }
}
