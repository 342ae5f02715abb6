SELECT
  "t1"."patient_id",
  CAST(MIN("t1"."day") AS BIGINT) AS "infection_event_day",
  SUM(CASE WHEN "t1"."day" <= 100 THEN 1 ELSE 0 END) AS "infections_by_day100",
  CAST(MIN("t1"."day") FILTER(WHERE
    "t1"."kind" = 'bacterial') AS BIGINT) AS "infection_bacterial_event_day",
  SUM(
    CASE
      WHEN (
        "t1"."day" <= 100
      ) AND (
        "t1"."kind" = 'bacterial'
      )
      THEN 1
      ELSE 0
    END
  ) AS "infections_by_day100_bacterial",
  CAST(MIN("t1"."day") FILTER(WHERE
    "t1"."kind" = 'viral') AS BIGINT) AS "infection_viral_event_day",
  SUM(
    CASE WHEN (
      "t1"."day" <= 100
    ) AND (
      "t1"."kind" = 'viral'
    ) THEN 1 ELSE 0 END
  ) AS "infections_by_day100_viral",
  CAST(MIN("t1"."day") FILTER(WHERE
    "t1"."kind" = 'fungal') AS BIGINT) AS "infection_fungal_event_day",
  SUM(
    CASE WHEN (
      "t1"."day" <= 100
    ) AND (
      "t1"."kind" = 'fungal'
    ) THEN 1 ELSE 0 END
  ) AS "infections_by_day100_fungal",
  CAST(MIN("t1"."day") FILTER(WHERE
    "t1"."kind" = 'other') AS BIGINT) AS "infection_other_event_day",
  SUM(
    CASE WHEN (
      "t1"."day" <= 100
    ) AND (
      "t1"."kind" = 'other'
    ) THEN 1 ELSE 0 END
  ) AS "infections_by_day100_other"
FROM (
  SELECT
    *
  FROM "infections" AS "t0"
  WHERE
    "t0"."day" >= 0
) AS "t1"
GROUP BY
  1
