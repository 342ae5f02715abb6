SELECT
  "t6"."patient_id",
  CAST(MIN("t6"."day") FILTER(WHERE
    "t6"."run_start" AND "t6"."failed_before") AS BIGINT) AS "day",
  BOOL_OR(CAST(NOT (
    "t6"."meets"
  ) AS BOOLEAN)) AS "applicable"
FROM (
  SELECT
    "t5"."patient_id",
    "t5"."day",
    "t5"."value",
    "t5"."meets",
    "t5"."meets"
    AND COALESCE(
      LEAD("t5"."meets", 1) OVER (
        PARTITION BY "t5"."patient_id"
        ORDER BY "t5"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t5"."meets", 2) OVER (
        PARTITION BY "t5"."patient_id"
        ORDER BY "t5"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t5"."day", 1) OVER (
          PARTITION BY "t5"."patient_id"
          ORDER BY "t5"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t5"."day", 2) OVER (
          PARTITION BY "t5"."patient_id"
          ORDER BY "t5"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "run_start",
    SUM(CASE WHEN "t5"."meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t5"."patient_id"
      ORDER BY "t5"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "failed_before"
  FROM (
    SELECT
      "t4"."patient_id",
      "t4"."day",
      "t4"."value",
      "t4"."value" >= 0.5 AS "meets"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t2"."patient_id",
          "t2"."day",
          COALESCE(
            "t2"."anc",
            (
              "t2"."wbc" * (
                "t2"."seg" + COALESCE("t2"."bands", 0.0)
              )
            ) / 100.0
          ) AS "value"
        FROM (
          SELECT
            "t1"."patient_id",
            "t1"."day",
            MIN(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
              "t1"."analyte" = 'anc') AS "anc",
            MIN(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
              "t1"."analyte" = 'wbc') AS "wbc",
            MIN(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
              "t1"."analyte" = 'neut_pct') AS "seg",
            MAX(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
              "t1"."analyte" = 'bands_pct') AS "bands"
          FROM (
            SELECT
              *
            FROM "labs" AS "t0"
            WHERE
              "t0"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t0"."day" >= 0
          ) AS "t1"
          GROUP BY
            1,
            2
        ) AS "t2"
      ) AS "t3"
      WHERE
        "t3"."value" IS NOT NULL
    ) AS "t4"
  ) AS "t5"
) AS "t6"
GROUP BY
  1
