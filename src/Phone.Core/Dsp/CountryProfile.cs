// National call-progress tones, ring cadence and caller ID method (ITU-T E.180 Supplement 2, ETSI TR 101 041-2, GR-506, BT SIN 350).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Per-country tones and line signalling. Values follow ITU-T E.180 Supplement 2 / ETSI TR 101 041-2 and the
    /// national specifications named on each profile. Two choices are ours and apply to every profile:
    /// <list type="bullet">
    /// <item>Stutter dial tone: the national dial tone in 10 bursts of 100 ms on / 100 ms off, then steady
    /// (the North American GR-506 pattern; it is the one most users already know as "message waiting").</item>
    /// <item>Survivability dial tone (cloud PBX unreachable, calls handled locally): the national dial tone
    /// interrupted for 100 ms every second (900 ms on / 100 ms off), forever. It differs from plain dial tone
    /// (continuous), from stutter (fast bursts that become steady), from busy/congestion (gaps of 175 ms or
    /// more, equal on/off) and from the ETSI special dial tone (40 ms gaps), so a user hears at once that the
    /// phone works but is degraded.</item>
    /// </list>
    /// </summary>
    public sealed class CountryProfile
    {
        /// <summary>Creates a profile; the built-in ones are the static fields.</summary>
        public CountryProfile(string code, string name, ToneSpec dial, ToneSpec stutterDial, ToneSpec ringback, ToneSpec busy,
            ToneSpec congestion, ToneSpec callWaiting, ToneSpec survivabilityDial, int[] ringCadenceMs, CallerIdMethod callerId)
        {
            Code = code;
            Name = name;
            Dial = dial;
            StutterDial = stutterDial;
            Ringback = ringback;
            Busy = busy;
            Congestion = congestion;
            CallWaiting = callWaiting;
            SurvivabilityDial = survivabilityDial;
            RingCadenceMs = ringCadenceMs;
            CallerId = callerId;
        }

        /// <summary>ISO 3166 alpha-2 code, or "ITU" for the generic profile.</summary>
        public string Code { get; }

        /// <summary>Display name.</summary>
        public string Name { get; }

        /// <summary>Dial tone.</summary>
        public ToneSpec Dial { get; }

        /// <summary>Stutter dial tone (message waiting / feature active).</summary>
        public ToneSpec StutterDial { get; }

        /// <summary>Ringing tone heard by the caller.</summary>
        public ToneSpec Ringback { get; }

        /// <summary>Busy tone.</summary>
        public ToneSpec Busy { get; }

        /// <summary>Congestion (reorder) tone.</summary>
        public ToneSpec Congestion { get; }

        /// <summary>Call waiting tone (mixed under speech).</summary>
        public ToneSpec CallWaiting { get; }

        /// <summary>Dial tone while running on local survivability (see the class remarks).</summary>
        public ToneSpec SurvivabilityDial { get; }

        /// <summary>Ringing voltage cadence for the bell: on, off, on, off ... in ms.</summary>
        public int[] RingCadenceMs { get; }

        /// <summary>How caller ID is sent on this line.</summary>
        public CallerIdMethod CallerId { get; }

        /// <summary>The tone for <paramref name="tone"/>, null for None.</summary>
        public ToneSpec GetTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Dial: return Dial;
                case CallProgressTone.StutterDial: return StutterDial;
                case CallProgressTone.Ringback: return Ringback;
                case CallProgressTone.Busy: return Busy;
                case CallProgressTone.Congestion: return Congestion;
                case CallProgressTone.CallWaiting: return CallWaiting;
                case CallProgressTone.SurvivabilityDial: return SurvivabilityDial;
                default: return null;
            }
        }

        /// <summary>United States / NANP (Telcordia GR-506 "precise tone plan"; ring 2 s on 4 s off, Bell 202 caller ID).</summary>
        public static CountryProfile Us => Build(0);

        private static ToneSpec UsTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Ringback: return ToneSpec.Cadenced("ringback", 440, 480, -19, new int[] { 2000, 4000 });
                case CallProgressTone.Busy: return ToneSpec.Cadenced("busy", 480, 620, -24, new int[] { 500, 500 });
                case CallProgressTone.Congestion: return ToneSpec.Cadenced("congestion", 480, 620, -24, new int[] { 250, 250 });
                case CallProgressTone.CallWaiting: return ToneSpec.Cadenced("call-waiting", 440, 0, -13, new int[] { 300, 9700 });
                default: return DialTone(tone, 350, 440, -13);
            }
        }

        /// <summary>United Kingdom (BT SIN 350; ring 0.4/0.2/0.4/2.0; caller ID per SIN 227 before ringing).</summary>
        public static CountryProfile Uk => Build(1);

        private static ToneSpec UkTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Ringback: return ToneSpec.Cadenced("ringback", 400, 450, -19, new int[] { 400, 200, 400, 2000 });
                case CallProgressTone.Busy: return ToneSpec.Cadenced("busy", 400, 0, -10, new int[] { 375, 375 });
                case CallProgressTone.Congestion: return ToneSpec.Cadenced("congestion", 400, 0, -10, new int[] { 400, 350, 225, 525 });
                case CallProgressTone.CallWaiting: return ToneSpec.Cadenced("call-waiting", 400, 0, -10, new int[] { 100, 4000 });
                default: return DialTone(tone, 350, 450, -13);
            }
        }

        /// <summary>Germany (FTZ 1TR110 / Telekom; 425 Hz; ring 1 s on 4 s off; V.23 CLIP after the first ring).</summary>
        public static CountryProfile De => Build(2);

        private static ToneSpec DeTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Ringback: return ToneSpec.Cadenced("ringback", 425, 0, -10, new int[] { 1000, 4000 });
                case CallProgressTone.Busy: return ToneSpec.Cadenced("busy", 425, 0, -10, new int[] { 480, 480 });
                case CallProgressTone.Congestion: return ToneSpec.Cadenced("congestion", 425, 0, -10, new int[] { 240, 240 });
                case CallProgressTone.CallWaiting: return ToneSpec.Cadenced("call-waiting", 425, 0, -10, new int[] { 200, 200, 200, 5000 });
                default: return DialTone(tone, 425, 0, -10);
            }
        }

        /// <summary>France (440 Hz; ring 1.5 s on 3.5 s off; V.23 caller ID before ringing).</summary>
        public static CountryProfile Fr => Build(3);

        private static ToneSpec FrTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Ringback: return ToneSpec.Cadenced("ringback", 440, 0, -10, new int[] { 1500, 3500 });
                case CallProgressTone.Busy: return ToneSpec.Cadenced("busy", 440, 0, -10, new int[] { 500, 500 });
                case CallProgressTone.Congestion: return ToneSpec.Cadenced("congestion", 440, 0, -10, new int[] { 250, 250 });
                case CallProgressTone.CallWaiting: return ToneSpec.Cadenced("call-waiting", 440, 0, -10, new int[] { 300, 10000 });
                default: return DialTone(tone, 440, 0, -10);
            }
        }

        /// <summary>Russia (425 Hz; ring 0.8 s on 3.2 s off; V.23 caller ID after the first ring).</summary>
        public static CountryProfile Ru => Build(4);

        private static ToneSpec RuTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Ringback: return ToneSpec.Cadenced("ringback", 425, 0, -10, new int[] { 800, 3200 });
                case CallProgressTone.Busy: return ToneSpec.Cadenced("busy", 425, 0, -10, new int[] { 350, 350 });
                case CallProgressTone.Congestion: return ToneSpec.Cadenced("congestion", 425, 0, -10, new int[] { 175, 175 });
                case CallProgressTone.CallWaiting: return ToneSpec.Cadenced("call-waiting", 425, 0, -10, new int[] { 200, 5000 });
                default: return DialTone(tone, 425, 0, -10);
            }
        }

        /// <summary>Generic ITU-T E.180 / ETSI harmonised tones (425 Hz; ring 1 s on 4 s off; V.23 after the first ring).</summary>
        public static CountryProfile Itu => Build(5);

        private static ToneSpec ItuTone(CallProgressTone tone)
        {
            switch (tone)
            {
                case CallProgressTone.Ringback: return ToneSpec.Cadenced("ringback", 425, 0, -10, new int[] { 1000, 4000 });
                case CallProgressTone.Busy: return ToneSpec.Cadenced("busy", 425, 0, -10, new int[] { 500, 500 });
                case CallProgressTone.Congestion: return ToneSpec.Cadenced("congestion", 425, 0, -10, new int[] { 250, 250 });
                case CallProgressTone.CallWaiting: return ToneSpec.Cadenced("call-waiting", 425, 0, -10, new int[] { 200, 200, 200, 4400 });
                default: return DialTone(tone, 425, 0, -10);
            }
        }

        // The tables are built on request (their values stay in the code, in flash), not held in static fields: on
        // nanoCLR an array made by a class constructor lives in the managed heap, and a device uses one country.

        /// <summary>Number of built-in profiles.</summary>
        public static int Count => 6;

        /// <summary>
        /// Built-in profile <paramref name="index"/> (0 .. Count-1), built on each call: keep the one in use.
        /// </summary>
        public static CountryProfile At(int index) => Build(index);

        private static CountryProfile Build(int index)
        {
            switch (index)
            {
                case 0: return Make(index, "US", "United States", new int[] { 2000, 4000 }, CallerIdMethod.Bell202AfterFirstRing);
                case 1: return Make(index, "GB", "United Kingdom", new int[] { 400, 200, 400, 2000 }, CallerIdMethod.V23BeforeRing);
                case 2: return Make(index, "DE", "Germany", new int[] { 1000, 4000 }, CallerIdMethod.V23AfterFirstRing);
                case 3: return Make(index, "FR", "France", new int[] { 1500, 3500 }, CallerIdMethod.V23BeforeRing);
                case 4: return Make(index, "RU", "Russia", new int[] { 800, 3200 }, CallerIdMethod.V23AfterFirstRing);
                case 5: return Make(index, "ITU", "ITU-T E.180 generic", new int[] { 1000, 4000 }, CallerIdMethod.V23AfterFirstRing);
                default: throw new System.ArgumentOutOfRangeException("index");
            }
        }

        /// <summary>
        /// A new copy of the built-in profile for an ISO 3166 code ("US", "GB" or "UK", "DE", "FR", "RU") or "ITU",
        /// case-insensitive; null when unknown.
        /// </summary>
        public static CountryProfile Find(string code)
        {
            int index = IndexOf(code);
            return index < 0 ? null : Build(index);
        }

        /// <summary>
        /// The built-in profile index (for <see cref="At"/> and <see cref="Tone"/>) of an ISO 3166 code ("US", "GB" or
        /// "UK", "DE", "FR", "RU") or "ITU", case-insensitive; -1 when unknown.
        /// </summary>
        public static int IndexOf(string code)
        {
            if (code == null)
            {
                return -1;
            }

            string c = code.ToUpper();
            switch (c)
            {
                case "US": return 0;
                case "GB":
                case "UK": return 1;
                case "DE": return 2;
                case "FR": return 3;
                case "RU": return 4;
                case "ITU": return 5;
                default: return -1;
            }
        }

        /// <summary>
        /// Tone <paramref name="tone"/> of built-in profile <paramref name="index"/>, built on each call (null for None):
        /// only that tone, for a player that keeps only the tone it plays.
        /// </summary>
        public static ToneSpec Tone(int index, CallProgressTone tone)
        {
            if (tone == CallProgressTone.None) return null;
            switch (index)
            {
                case 0: return UsTone(tone);
                case 1: return UkTone(tone);
                case 2: return DeTone(tone);
                case 3: return FrTone(tone);
                case 4: return RuTone(tone);
                case 5: return ItuTone(tone);
                default: throw new System.ArgumentOutOfRangeException("index");
            }
        }

        // The national dial tone and the two variants every profile derives from it (see the class remarks); null for
        // a tone that is not one of them.
        private static ToneSpec DialTone(CallProgressTone tone, int dial1, int dial2, int dialDbm0)
        {
            switch (tone)
            {
                case CallProgressTone.Dial: return ToneSpec.Continuous("dial", dial1, dial2, dialDbm0);
                case CallProgressTone.StutterDial: return ToneSpec.Stutter("stutter-dial", dial1, dial2, dialDbm0, 100, 100, 10);
                case CallProgressTone.SurvivabilityDial: return ToneSpec.Cadenced("survivability-dial", dial1, dial2, dialDbm0, new int[] { 900, 100 });
                default: return null;
            }
        }

        private static CountryProfile Make(int index, string code, string name, int[] ringCadenceMs, CallerIdMethod callerId)
        {
            return new CountryProfile(
                code,
                name,
                Tone(index, CallProgressTone.Dial),
                Tone(index, CallProgressTone.StutterDial),
                Tone(index, CallProgressTone.Ringback),
                Tone(index, CallProgressTone.Busy),
                Tone(index, CallProgressTone.Congestion),
                Tone(index, CallProgressTone.CallWaiting),
                Tone(index, CallProgressTone.SurvivabilityDial),
                ringCadenceMs,
                callerId);
        }
    }
}
