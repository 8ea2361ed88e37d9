extension GuildScheduledEvent {
    /// How an event repeats (Discord docs: "Guild Scheduled Event Recurrence Rule Object"), a subset of
    /// iCalendar's RRULE.
    ///
    /// **Threading:** an immutable value; `Sendable`.
    public struct RecurrenceRule: Codable, Hashable, Sendable {
        /// When the recurrence starts.
        public var start: DiscordTimestamp
        /// When the recurrence ends.
        public var end: DiscordTimestamp?
        /// How often it repeats.
        public var frequency: Frequency
        /// The spacing between occurrences, in ``frequency`` units.
        public var interval: Int
        /// The weekdays it repeats on.
        public var byWeekday: [Weekday]?
        /// Weekdays within a week of the month (e.g. the second Monday).
        public var byNWeekday: [NWeekday]?
        /// The months it repeats in.
        public var byMonth: [Month]?
        /// The days of the month it repeats on.
        public var byMonthDay: [Int]?
        /// The days of the year it repeats on.
        public var byYearDay: [Int]?
        /// How many times it repeats before ending.
        public var count: Int?

        /// Wire names.
        private enum CodingKeys: String, CodingKey {
            /// Wire names as documented.
            case start, end, frequency, interval, count
            /// `by_weekday`.
            case byWeekday = "by_weekday"
            /// `by_n_weekday`.
            case byNWeekday = "by_n_weekday"
            /// `by_month`.
            case byMonth = "by_month"
            /// `by_month_day`.
            case byMonthDay = "by_month_day"
            /// `by_year_day`.
            case byYearDay = "by_year_day"
        }

        /// How often an event repeats (Discord docs: "Recurrence Rule - Frequency"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct Frequency: RawRepresentable, Hashable, Sendable, Codable {
            /// The wire number.
            public let rawValue: Int
            /// Wraps a wire number.
            public init(rawValue: Int) { self.rawValue = rawValue }
            /// `0` every year.
            public static let yearly = Self(rawValue: 0)
            /// `1` every month.
            public static let monthly = Self(rawValue: 1)
            /// `2` every week.
            public static let weekly = Self(rawValue: 2)
            /// `3` every day.
            public static let daily = Self(rawValue: 3)
        }

        /// A day of the week (Discord docs: "Recurrence Rule - Weekday"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct Weekday: RawRepresentable, Hashable, Sendable, Codable {
            /// The wire number.
            public let rawValue: Int
            /// Wraps a wire number.
            public init(rawValue: Int) { self.rawValue = rawValue }
            /// `0` Monday.
            public static let monday = Self(rawValue: 0)
            /// `1` Tuesday.
            public static let tuesday = Self(rawValue: 1)
            /// `2` Wednesday.
            public static let wednesday = Self(rawValue: 2)
            /// `3` Thursday.
            public static let thursday = Self(rawValue: 3)
            /// `4` Friday.
            public static let friday = Self(rawValue: 4)
            /// `5` Saturday.
            public static let saturday = Self(rawValue: 5)
            /// `6` Sunday.
            public static let sunday = Self(rawValue: 6)
        }

        /// A weekday in a given week of the month (Discord docs: "Recurrence Rule - N_Weekday Structure").
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct NWeekday: Codable, Hashable, Sendable {
            /// The week of the month, 1–5.
            public var n: Int
            /// The day of the week.
            public var day: Weekday
        }

        /// A month (Discord docs: "Recurrence Rule - Month"); an open set.
        ///
        /// **Threading:** an immutable value; `Sendable`.
        public struct Month: RawRepresentable, Hashable, Sendable, Codable {
            /// The wire number.
            public let rawValue: Int
            /// Wraps a wire number.
            public init(rawValue: Int) { self.rawValue = rawValue }
            /// `1` January.
            public static let january = Self(rawValue: 1)
            /// `2` February.
            public static let february = Self(rawValue: 2)
            /// `3` March.
            public static let march = Self(rawValue: 3)
            /// `4` April.
            public static let april = Self(rawValue: 4)
            /// `5` May.
            public static let may = Self(rawValue: 5)
            /// `6` June.
            public static let june = Self(rawValue: 6)
            /// `7` July.
            public static let july = Self(rawValue: 7)
            /// `8` August.
            public static let august = Self(rawValue: 8)
            /// `9` September.
            public static let september = Self(rawValue: 9)
            /// `10` October.
            public static let october = Self(rawValue: 10)
            /// `11` November.
            public static let november = Self(rawValue: 11)
            /// `12` December.
            public static let december = Self(rawValue: 12)
        }
    }
}
