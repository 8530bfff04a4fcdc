use std::fmt;
use std::str::FromStr;

/// Source reliability on the Admiralty scale (STANAG 2511 / AJP-2.1).
///
/// Judged per source, independently of the credibility of any one piece of information.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reliability {
    /// Completely reliable.
    A,
    /// Usually reliable.
    B,
    /// Fairly reliable.
    C,
    /// Not usually reliable.
    D,
    /// Unreliable.
    E,
    /// Reliability cannot be judged.
    F,
}

/// Credibility of one piece of information on the Admiralty scale (1 confirmed … 6 cannot be judged).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Credibility {
    /// Confirmed by other sources.
    Confirmed = 1,
    /// Probably true.
    ProbablyTrue = 2,
    /// Possibly true.
    PossiblyTrue = 3,
    /// Doubtful.
    Doubtful = 4,
    /// Improbable.
    Improbable = 5,
    /// Truth cannot be judged.
    CannotBeJudged = 6,
}

/// A grade that is not on the scale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("{0:?} is not a reliability grade (expected one of A, B, C, D, E, F)")]
    Reliability(String),
    #[error("{0:?} is not a credibility grade (expected a number from 1 to 6)")]
    Credibility(String),
}

impl Reliability {
    pub const ALL: [Reliability; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];

    pub fn letter(self) -> char {
        match self {
            Self::A => 'A',
            Self::B => 'B',
            Self::C => 'C',
            Self::D => 'D',
            Self::E => 'E',
            Self::F => 'F',
        }
    }

    /// The MISP `admiralty-scale` machine tag value for this grade.
    pub fn misp_tag(self) -> &'static str {
        match self {
            Self::A => "admiralty-scale:source-reliability=\"a\"",
            Self::B => "admiralty-scale:source-reliability=\"b\"",
            Self::C => "admiralty-scale:source-reliability=\"c\"",
            Self::D => "admiralty-scale:source-reliability=\"d\"",
            Self::E => "admiralty-scale:source-reliability=\"e\"",
            Self::F => "admiralty-scale:source-reliability=\"f\"",
        }
    }

    /// E and F: a claim resting only on these is weakly sourced.
    pub fn is_weak(self) -> bool {
        matches!(self, Self::E | Self::F)
    }
}

impl FromStr for Reliability {
    type Err = GradeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "A" | "a" => Ok(Self::A),
            "B" | "b" => Ok(Self::B),
            "C" | "c" => Ok(Self::C),
            "D" | "d" => Ok(Self::D),
            "E" | "e" => Ok(Self::E),
            "F" | "f" => Ok(Self::F),
            other => Err(GradeError::Reliability(other.to_owned())),
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

impl Credibility {
    pub const ALL: [Credibility; 6] = [
        Self::Confirmed,
        Self::ProbablyTrue,
        Self::PossiblyTrue,
        Self::Doubtful,
        Self::Improbable,
        Self::CannotBeJudged,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// 5 and 6: a claim resting only on these is weakly sourced.
    pub fn is_weak(self) -> bool {
        matches!(self, Self::Improbable | Self::CannotBeJudged)
    }
}

impl FromStr for Credibility {
    type Err = GradeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse::<u8>().ok().and_then(Self::from_number).ok_or_else(|| GradeError::Credibility(s.to_owned()))
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reliability_round_trips_through_its_letter() {
        for grade in Reliability::ALL {
            assert_eq!(grade.letter().to_string().parse::<Reliability>(), Ok(grade));
        }
        assert!("G".parse::<Reliability>().is_err());
        assert!("AB".parse::<Reliability>().is_err());
    }

    #[test]
    fn credibility_is_one_to_six() {
        assert_eq!("1".parse::<Credibility>(), Ok(Credibility::Confirmed));
        assert_eq!("6".parse::<Credibility>(), Ok(Credibility::CannotBeJudged));
        assert!("0".parse::<Credibility>().is_err());
        assert!("7".parse::<Credibility>().is_err());
        assert!(Credibility::Improbable.is_weak() && !Credibility::Doubtful.is_weak());
    }
}
